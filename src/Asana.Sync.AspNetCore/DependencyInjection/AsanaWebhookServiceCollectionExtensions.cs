using Asana.Sync.AspNetCore.Receiving;
using Asana.Sync.AspNetCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Asana.Sync.AspNetCore;

/// <summary>Registers the webhook receiver and registrar.</summary>
public static class AsanaWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Adds the receiver, the <see cref="AsanaWebhookRegistrar"/> (it needs an <c>IAsanaClient</c>, e.g. from
    /// <c>AddAsanaClient</c>) and, unless one is registered, an <see cref="InMemoryWebhookSecretStore"/> (register a
    /// <see cref="SqliteWebhookSecretStore"/> to survive restarts). Register your <see cref="IAsanaWebhookEventSink"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAsanaWebhooks(this IServiceCollection services, Action<AsanaWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AsanaWebhookOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AsanaWebhookOptions>, AsanaWebhookOptionsValidator>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWebhookSecretStore, InMemoryWebhookSecretStore>();
        services.TryAddSingleton<AsanaWebhookReceiver>();
        services.TryAddSingleton<AsanaWebhookRegistrar>();
        return services;
    }

    /// <summary>
    /// Makes verified webhook events refresh the store: registers a <see cref="RefreshQueue"/> over the registered
    /// <see cref="AsanaSyncEngine"/> (from <c>AddAsanaSync</c>) and the <see cref="RefreshQueueEventSink"/> as the sink.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the queue's timing.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAsanaWebhookRefresh(this IServiceCollection services, Action<RefreshQueueOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp =>
        {
            var options = new RefreshQueueOptions();
            configure?.Invoke(options);
            return new RefreshQueue(
                sp.GetRequiredService<AsanaSyncEngine>(),
                options,
                sp.GetService<Microsoft.Extensions.Logging.ILogger<RefreshQueue>>(),
                sp.GetService<TimeProvider>());
        });
        services.TryAddSingleton<IAsanaWebhookEventSink, RefreshQueueEventSink>();
        return services;
    }
}
