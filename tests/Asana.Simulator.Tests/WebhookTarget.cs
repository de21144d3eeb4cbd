using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Asana.Simulator.Tests;

/// <summary>
/// A bare webhook target on loopback (real Kestrel): echoes handshakes (unless told not to), records each delivery's raw
/// body and signature, and answers deliveries with <see cref="DeliveryStatus"/>.
/// </summary>
internal sealed class WebhookTarget : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookTarget(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public bool EchoHandshake { get; set; } = true;

    public HttpStatusCode DeliveryStatus { get; set; } = HttpStatusCode.OK;

    public ConcurrentDictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Path, byte[] Body, string? Signature)> Deliveries { get; } = new();

    public static async Task<WebhookTarget> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var target = new WebhookTarget(app);
        app.MapPost("/hooks/{id}", target.HandleAsync);
        await app.StartAsync();
        target.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return target;
    }

    public Uri Target(string id) => new(BaseAddress, "/hooks/" + id);

    /// <summary>Whether the signature is the hex HMAC-SHA256 of the body under the secret the handshake gave for <paramref name="id"/>.</summary>
    public bool IsSignedCorrectly(string id, byte[] body, string? signature) =>
        Secrets.TryGetValue(id, out var secret)
        && signature == Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value!;
        var id = path[(path.LastIndexOf('/') + 1)..];
        if (ctx.Request.Headers.TryGetValue("X-Hook-Secret", out var secret))
        {
            Secrets[id] = secret.ToString();
            if (EchoHandshake)
            {
                ctx.Response.Headers["X-Hook-Secret"] = secret;
            }

            ctx.Response.StatusCode = 200;
            return;
        }

        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer);
        Deliveries.Enqueue((path, buffer.ToArray(), ctx.Request.Headers["X-Hook-Signature"].ToString()));
        ctx.Response.StatusCode = (int)DeliveryStatus;
    }
}
