using Asana.Client;
using Asana.Client.DependencyInjection;
using Asana.Client.Http;
using Asana.Client.Resilience;
using Asana.Client.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="IAsanaClient"/> with IHttpClientFactory and the Asana resilience pipeline.</summary>
public static class AsanaClientServiceCollectionExtensions
{
    /// <summary>The name of the underlying HTTP client (for <c>IHttpClientFactory</c> configuration).</summary>
    public const string HttpClientName = "Asana.Client";

    /// <summary>
    /// Registers <see cref="AsanaClient"/> and <see cref="IAsanaClient"/> as one <b>singleton</b> (the same instance for
    /// both, immutable and thread-safe; inject it anywhere, including into other singletons), with validated
    /// <see cref="AsanaClientOptions"/> read once, and a singleton throttle that paces every request of the container's
    /// client. The singleton is built on first resolution over one HTTP client from <c>IHttpClientFactory</c>
    /// (<see cref="HttpClientName"/>), whose handlers it keeps for the container's lifetime. The token comes from the
    /// options or, if they set none, from an <see cref="IAsanaTokenProvider"/> service, resolved once when that HTTP
    /// pipeline is built and kept with it (register it as a singleton; it is asked for a token on every attempt).
    /// Pipeline, outer to inner: resilience (total timeout, retry, throttle, attempt timeout) → bearer token → body
    /// buffering → anything added to the returned builder → transport.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder, to add handlers or configure the primary handler.</returns>
    public static IHttpClientBuilder AddAsanaClient(this IServiceCollection services, Action<AsanaClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<AsanaClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AsanaClientOptions>, AsanaClientOptionsValidator>());
        services.TryAddSingleton(sp => new AsanaClientSettings(sp.GetRequiredService<IOptions<AsanaClientOptions>>().Value.Snapshot()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<AsanaClientSettings>().Options;
            return new AsanaThrottle(options.RequestsPerMinute, options.MaxConcurrentRequests, Time(sp), options.SearchRequestsPerMinute);
        });

        var builder = services.AddRefitGeneratedClient<IAsanaApi>(AsanaJsonContext.Default, sp => AsanaRefitSettings.Create(Time(sp)), HttpClientName);
        // IHttpClientFactory's default loggers put raw request header values (the bearer token) into the structured
        // state of their Trace records even when the message text is redacted (found by TokenLeakTests): drop them
        // for this client. Retries, throttling and errors are logged by Asana.Client itself, without headers.
        builder.RemoveAllLoggers();
        builder.RedactLoggedHeaders(static _ => true);
        builder.ConfigureHttpClient((sp, http) =>
        {
            http.BaseAddress = sp.GetRequiredService<AsanaClientSettings>().Options.BaseAddress;
            http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeouts govern
        });
        builder.AddResilienceHandler("asana", (pipeline, context) =>
        {
            var sp = context.ServiceProvider;
            AsanaResiliencePipeline.Configure(
                pipeline,
                sp.GetRequiredService<AsanaClientSettings>().Options,
                sp.GetRequiredService<AsanaThrottle>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<AsanaClient>(),
                Time(sp));
        });
        builder.AddHttpMessageHandler(sp => new AsanaAuthenticationHandler(TokenSource(sp)));
        builder.AddHttpMessageHandler(sp => new AsanaResponseBufferingHandler(sp.GetRequiredService<AsanaThrottle>()));

        // Immutable and thread-safe, with a singleton throttle: one instance, so the container never tracks a transient IDisposable.
        services.TryAddSingleton(sp => new AsanaClient(
            sp.GetRequiredService<IAsanaApi>(),
            sp.GetRequiredService<AsanaClientSettings>().Options,
            sp.GetService<ILogger<AsanaClient>>(),
            Time(sp),
            sp.GetRequiredService<AsanaThrottle>()));
        services.TryAddSingleton<IAsanaClient>(sp => sp.GetRequiredService<AsanaClient>());
        return builder;
    }

    private static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    private static Func<CancellationToken, ValueTask<string>> TokenSource(IServiceProvider services)
    {
        if (services.GetRequiredService<AsanaClientSettings>().Options.ResolveTokenSource() is { } fromOptions)
        {
            return fromOptions;
        }

        var provider = services.GetService<IAsanaTokenProvider>()
            ?? throw new InvalidOperationException("No Asana access token is configured: set AccessToken, AccessTokenProvider or TokenProvider, or register an IAsanaTokenProvider.");
        return provider.GetAccessTokenAsync;
    }
}
