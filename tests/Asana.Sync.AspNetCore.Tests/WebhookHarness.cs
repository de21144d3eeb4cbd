using System.Collections.Concurrent;
using System.Net;
using Asana.Client;
using Asana.Simulator;
using Asana.Sync.AspNetCore.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Asana.Sync.AspNetCore.Tests;

/// <summary>
/// The real parts, on loopback: the simulated Asana (its webhooks deliver over HTTP, on a fake clock) and an ASP.NET Core
/// host (real Kestrel) running the receiver with a recording sink, the registrar and an Asana.Client against the
/// simulator. The host also records each raw request to the receiver, as an attacker on the wire would see it, and
/// serves a foreign target (<c>/other/{id}</c>) that answers handshakes.
/// </summary>
internal sealed class WebhookHarness : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookHarness(WebApplication app, SimulatedAsana asana, AsanaClient client, IWebhookSecretStore store, RecordingSink sink, FakeTimeProvider clock)
    {
        _app = app;
        Asana = asana;
        Client = client;
        Store = store;
        Sink = sink;
        Clock = clock;
    }

    public SimulatedAsana Asana { get; }

    public SimulatedOrganization Organization => Asana.Organization;

    public AsanaClient Client { get; }

    public IWebhookSecretStore Store { get; }

    public RecordingSink Sink { get; }

    public FakeTimeProvider Clock { get; }

    public Uri PublicBaseUrl { get; private set; } = null!;

    public AsanaWebhookRegistrar Registrar => _app.Services.GetRequiredService<AsanaWebhookRegistrar>();

    /// <summary>Raw requests the receiver got: path, body, signature header, status answered.</summary>
    public ConcurrentQueue<(string Path, byte[] Body, string? Signature, int Status)> Wire { get; } = new();

    public static async Task<WebhookHarness> StartAsync(
        IWebhookSecretStore? store = null,
        WebhookDeliveryOptions? delivery = null,
        Action<AsanaWebhookOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var organization = SimulatedOrganization.Generate(3, OrganizationShape.Small);
        organization.Clock = clock;
        var asana = await SimulatedAsana.StartAsync(organization, new SimulatorOptions
        {
            TimeProvider = clock,
            Webhooks = delivery ?? new WebhookDeliveryOptions { DeliveryInterval = null },
        });
        var client = AsanaClient.Create(new AsanaClientOptions { BaseAddress = asana.BaseAddress, AccessToken = asana.AccessToken, MaxRetryAttempts = 0 });
        store ??= new InMemoryWebhookSecretStore();
        var sink = new RecordingSink();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<IAsanaWebhookEventSink>(sink);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IAsanaClient>(client);
        builder.Services.AddAsanaWebhooks(configure);
        var app = builder.Build();
        var harness = new WebhookHarness(app, asana, client, store, sink, clock);
        app.Use(harness.RecordAsync);
        app.MapAsanaWebhooks();
        app.MapPost("/other/{id}", ctx =>
        {
            ctx.Response.Headers["X-Hook-Secret"] = ctx.Request.Headers["X-Hook-Secret"];
            return Task.CompletedTask;
        });
        await app.StartAsync();
        harness.PublicBaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return harness;
    }

    /// <summary>Posts raw bytes to the receiver as anyone could.</summary>
    public async Task<int> PostAsync(string path, byte[] body, string? signature = null, string? secretHeader = null, bool chunked = false)
    {
        using var http = new HttpClient { BaseAddress = PublicBaseUrl };
        using var content = chunked ? (HttpContent)new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Hook-Signature", signature);
        }

        if (secretHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Hook-Secret", secretHeader);
        }

        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Client.Dispose();
        await Asana.DisposeAsync();
    }

    private async Task RecordAsync(HttpContext ctx, RequestDelegate next)
    {
        if (!ctx.Request.Path.StartsWithSegments("/asana/webhooks", StringComparison.Ordinal) || ctx.Request.Headers.ContainsKey("X-Hook-Secret"))
        {
            await next(ctx);
            return;
        }

        // Recorded as sent; capped well above the receiver's limit so the size tests still see their bodies refused.
        ctx.Request.EnableBuffering(bufferThreshold: 1024 * 1024, bufferLimit: 4 * 1024 * 1024);
        using var copy = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(copy);
        ctx.Request.Body.Position = 0;
        await next(ctx);
        Wire.Enqueue((ctx.Request.Path.Value!, copy.ToArray(), ctx.Request.Headers["X-Hook-Signature"].ToString(), ctx.Response.StatusCode));
    }
}
