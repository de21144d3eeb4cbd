using Asana.Client.DependencyInjection;
using Asana.Client.Http;
using Asana.Client.Resilience;
using Asana.Client.Serialization;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace Asana.Client;

public sealed partial class AsanaClient
{
    /// <summary>Connections are recycled so DNS changes are seen, as IHttpClientFactory would do.</summary>
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Builds a client without dependency injection, with the same pipeline as <c>AddAsanaClient</c>:
    /// resilience (total timeout, retry, throttle, attempt timeout) → bearer token → body buffering → transport.
    /// Dispose the client when done; it owns its connections and throttle.
    /// </summary>
    /// <param name="options">The settings; copied, so later changes have no effect. Validated.</param>
    /// <param name="loggerFactory">Where retries and throttling are logged; none by default.</param>
    /// <param name="innerHandler">
    /// The transport, e.g. a test handler; a <see cref="SocketsHttpHandler"/> by default. It is disposed with the client.
    /// </param>
    /// <param name="timeProvider">The clock for backoff, Retry-After and pacing; <see cref="TimeProvider.System"/> by default.</param>
    /// <returns>A ready client.</returns>
    /// <exception cref="ArgumentException">
    /// <see cref="AsanaClientOptions.BaseAddress"/> is not an Asana API root: its path does not end in <c>/api/1.0</c>.
    /// </exception>
    /// <exception cref="OptionsValidationException">The options are invalid (the message names the settings, never the token).</exception>
    /// <example>
    /// <code>
    /// using var client = AsanaClient.Create(new AsanaClientOptions
    /// {
    ///     BaseAddress = new Uri("http://127.0.0.1:5080/api/1.0/"),
    ///     AccessToken = Environment.GetEnvironmentVariable("ASANA_PAT"),
    /// });
    /// await foreach (var user in client.GetUsersAsync(workspaceGid)) { ... }
    /// </code>
    /// </example>
    public static AsanaClient Create(
        AsanaClientOptions options,
        ILoggerFactory? loggerFactory = null,
        HttpMessageHandler? innerHandler = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Snapshot();
        if (settings.BaseAddress is { } baseAddress && AsanaClientOptionsValidator.BaseAddressProblem(baseAddress) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var failures = AsanaClientOptionsValidator.Failures(settings, tokenFromServices: false);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(AsanaClientOptions), failures);
        }

        var time = timeProvider ?? TimeProvider.System;
        var logger = (ILogger?)loggerFactory?.CreateLogger<AsanaClient>() ?? NullLogger.Instance;
        var throttle = new AsanaThrottle(settings.RequestsPerMinute, settings.MaxConcurrentRequests, time, settings.SearchRequestsPerMinute);

        var pipelineBuilder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        AsanaResiliencePipeline.Configure(pipelineBuilder, settings, throttle, logger, time);

        var transport = innerHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = PooledConnectionLifetime };
        var handler = new ResilienceHandler(pipelineBuilder.Build())
        {
            InnerHandler = new AsanaAuthenticationHandler(settings.ResolveTokenSource()!)
            {
                InnerHandler = new AsanaResponseBufferingHandler(throttle) { InnerHandler = transport },
            },
        };

        var http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = settings.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan, // the pipeline's timeouts govern
        };
        var api = RestService.ForGenerated<IAsanaApi>(http, AsanaJsonContext.Default, AsanaRefitSettings.Create(time));
        return new AsanaClient(api, settings, logger, time, throttle, new Owned(http, throttle));
    }

    private sealed class Owned(HttpClient http, AsanaThrottle throttle) : IDisposable
    {
        public void Dispose()
        {
            http.Dispose();
            throttle.Dispose();
        }
    }
}
