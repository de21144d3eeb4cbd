using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Asana.Simulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Asana.Simulator;

/// <summary>
/// A Kestrel server on <c>127.0.0.1:&lt;free port&gt;</c> that serves a <see cref="SimulatedOrganization"/> through
/// Asana's REST API (<c>/api/1.0</c>): envelopes, pagination with expiring opaque offsets, strict <c>opt_fields</c>,
/// error bodies, bearer authentication, events with sync tokens, and injectable faults. <see cref="AccessToken"/> sees
/// everything (like a service account); personal access tokens (<see cref="SimulatorOptions.PersonalAccessTokens"/>,
/// <see cref="IssuePersonalAccessToken"/>) see what their user sees. Start it with <see cref="StartAsync"/>; dispose it to stop it.
/// </summary>
public sealed class SimulatedAsana : IAsyncDisposable
{
    private const string AbortedItem = "asana-simulator-aborted";
    private static readonly byte[] BadGatewayHtml = Encoding.UTF8.GetBytes(
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n");

    private readonly WebApplication _app;
    private readonly AsanaApi _api;
    private readonly ConcurrentDictionary<string, string> _issuedTokens = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task _pump = Task.CompletedTask;
    private int _disposed;

    private SimulatedAsana(WebApplication app, AsanaApi api, SimulatedOrganization organization, SimulatorOptions options, RequestLog requests, FaultInjector faults)
    {
        _app = app;
        _api = api;
        Organization = organization;
        Options = options;
        Requests = requests;
        Faults = faults;
        Webhooks = new SimulatedWebhooks(organization, options.Webhooks, options.TimeProvider);
        api.Webhooks = Webhooks;
    }

    /// <summary>The API root, <c>http://127.0.0.1:&lt;port&gt;/api/1.0/</c> (with the trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The service-account bearer token: it sees everything.</summary>
    public string AccessToken => Options.AccessToken;

    /// <summary>The organization served (mutate it freely while the server runs).</summary>
    public SimulatedOrganization Organization { get; }

    /// <summary>The options the server was started with.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>Request counts by endpoint kind.</summary>
    public RequestLog Requests { get; }

    /// <summary>Fault injection: 429, 5xx, connection resets, truncated bodies, 401, 403/404 per project.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The webhooks created through <c>POST /webhooks</c> and their delivery (see <see cref="SimulatorOptions.Webhooks"/>).</summary>
    public SimulatedWebhooks Webhooks { get; }

    /// <summary>Starts a server for <paramref name="organization"/> on a free loopback port.</summary>
    /// <param name="organization">The organization to serve.</param>
    /// <param name="options">Behaviour; <see cref="SimulatorOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<SimulatedAsana> StartAsync(SimulatedOrganization organization, SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        options ??= SimulatorOptions.Default;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(SimulatedAsana).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var requests = new RequestLog();
        var faults = new FaultInjector();
        var api = new AsanaApi(organization, options, faults);
        var server = new SimulatedAsana(app, api, organization, options, requests, faults);
        app.Use(server.PipelineAsync);
        api.Map(app);
        app.MapFallback(ctx => AsanaApi.SendAsync(ctx, AsanaApi.Error(404, $"No matching route for request: {ctx.Request.Method} {ctx.Request.Path}")));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + AsanaApi.Prefix + "/");
        api.BaseAddress = server.BaseAddress;
        if (options.Webhooks.DeliveryInterval is { } interval)
        {
            server._pump = server.PumpAsync(interval, options.TimeProvider);
        }

        return server;
    }

    /// <summary>
    /// Issues a personal access token for a user: it sees only what that user sees (see
    /// <see cref="SimulatorOptions.PersonalAccessTokens"/>). It stops working (401) while the user is deactivated.
    /// </summary>
    /// <param name="userGid">The user.</param>
    /// <returns>A new bearer token.</returns>
    public string IssuePersonalAccessToken(string userGid)
    {
        ArgumentNullException.ThrowIfNull(userGid);
        if (!Organization.GetUserGids().Contains(userGid, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown user {userGid}.", nameof(userGid));
        }

        // Shaped like Asana's personal access tokens: version/user:secret.
        var token = $"2/{userGid}/simulated:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        _issuedTokens[token] = userGid;
        return token;
    }

    /// <summary>Makes every offset token issued so far invalid: the next page request with one gets 400.</summary>
    public void ExpireOffsets() => _api.Offsets.ExpireAll();

    /// <summary>Makes every events sync token issued so far invalid: the next <c>GET /events</c> with one gets 412.</summary>
    public void ExpireSyncTokens() => _api.SyncTokens.ExpireAll();

    /// <summary>Stops the server and releases the port.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _pump;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
        Webhooks.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Runs a webhook delivery round every <paramref name="interval"/> until the server stops.</summary>
    private async Task PumpAsync(TimeSpan interval, TimeProvider clock)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, clock, _stopping.Token);
                await Webhooks.DeliverAsync(_stopping.Token);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>Latency, authentication, faults, counting; then the endpoint.</summary>
    private async Task PipelineAsync(HttpContext ctx, RequestDelegate next)
    {
        var kind = RequestClassifier.Classify(ctx.Request);
        try
        {
            if (Options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(Options.Latency, ctx.RequestAborted);
            }

            if (!HttpMethods.IsGet(ctx.Request.Method) && RequestClassifier.IsApi(ctx.Request) && kind != RequestKind.Webhooks)
            {
                await AsanaApi.SendAsync(ctx, AsanaApi.Error(405, "The simulator serves the read API only (GET), and webhooks."));
                return;
            }

            var auth = ctx.Request.Headers.Authorization.ToString();
            var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
            if (token != Options.AccessToken)
            {
                if (token is not null
                    && (Options.PersonalAccessTokens.TryGetValue(token, out var userGid) || _issuedTokens.TryGetValue(token, out userGid)))
                {
                    ctx.Items[AsanaApi.ViewerItem] = userGid;
                }
                else
                {
                    await AsanaApi.SendAsync(ctx, AsanaApi.Error(401, "Not Authorized"));
                    return;
                }
            }

            switch (Faults.Evaluate(kind))
            {
                case null:
                    break;
                case FaultKind.TooManyRequests:
                    var retry = Faults.RetryAfter;
                    await AsanaApi.SendAsync(ctx, AsanaApi.Error(429,
                        "You've made too many requests and hit a rate limit. Please retry after the given amount of time.",
                        retry is { } r ? ((long)Math.Ceiling(r.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
                    return;
                case FaultKind.InternalServerError:
                    await AsanaApi.SendAsync(ctx, AsanaApi.Error(500, "Server Error"));
                    return;
                case FaultKind.BadGateway:
                    ctx.Response.StatusCode = 502;
                    ctx.Response.ContentType = "text/html";
                    ctx.Response.ContentLength = BadGatewayHtml.Length;
                    await ctx.Response.Body.WriteAsync(BadGatewayHtml);
                    return;
                case FaultKind.ServiceUnavailable:
                    await AsanaApi.SendAsync(ctx, AsanaApi.Error(503, "Service Unavailable"));
                    return;
                case FaultKind.GatewayTimeout:
                    await AsanaApi.SendAsync(ctx, AsanaApi.Error(504, "Gateway Timeout"));
                    return;
                case FaultKind.ConnectionReset:
                    ctx.Items[AbortedItem] = true;
                    ctx.Abort();
                    return;
                case FaultKind.Forbidden:
                    await AsanaApi.SendAsync(ctx, AsanaApi.Error(403, "Forbidden: you do not have access to this object."));
                    return;
                case FaultKind.PaymentRequired:
                    await AsanaApi.SendAsync(ctx, AsanaApi.Error(402, "This feature is only available to premium users."));
                    return;
                case FaultKind.Unauthorized:
                    await AsanaApi.SendAsync(ctx, AsanaApi.Error(401, "Not Authorized"));
                    return;
                case var bodyFault:
                    ctx.Items[AsanaApi.FaultItem] = bodyFault;
                    break;
            }

            await next(ctx);
            if (ctx.Items.ContainsKey(AsanaApi.FaultItem) && ctx.Response.StatusCode != 200)
            {
                // A body fault rides only on a 200: an answer that was an error of its own carried none, so it was not injected.
                Faults.NotInjected();
            }
        }
        finally
        {
            var aborted = ctx.Items.ContainsKey(AbortedItem) || ctx.RequestAborted.IsCancellationRequested;
            var status = ctx.Response.StatusCode;
            var injectedBodyFault = ctx.Items.ContainsKey(AsanaApi.FaultItem) && status == 200;
            Requests.Record(kind, aborted || injectedBodyFault || status < 200 || status >= 300);
        }
    }
}
