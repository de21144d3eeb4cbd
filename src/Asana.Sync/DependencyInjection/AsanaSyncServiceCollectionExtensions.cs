using System.Diagnostics.CodeAnalysis;
using Asana.Client;
using Asana.Sync;
using Asana.Sync.DependencyInjection;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="AsanaSyncEngine"/> and the store it writes to: the embedded <see cref="SqlitePermissionStore"/>
/// (<see cref="AddAsanaSync(IServiceCollection, string, Action{AsanaSyncOptions}?)"/>) or your own
/// <see cref="IPermissionStore"/> (<see cref="AddAsanaSync{TStore}"/>,
/// <see cref="AddAsanaSync(IServiceCollection, Func{IServiceProvider, IPermissionStore}, Action{AsanaSyncOptions}?)"/>),
/// which never creates a SQLite file.
/// </summary>
public static class AsanaSyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AsanaSyncEngine"/> over the embedded <see cref="SqlitePermissionStore"/> at
    /// <paramref name="databasePath"/>, resolvable as <see cref="SqlitePermissionStore"/>, <see cref="IPermissionStore"/>
    /// and <see cref="IPermissionReader"/> (for its queries); the file is created on first use. See
    /// <see cref="AddAsanaSync(IServiceCollection, Func{IServiceProvider, IPermissionStore}, Action{AsanaSyncOptions}?)"/>
    /// for what is registered besides the store.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="databasePath">The SQLite file (relative paths are relative to the working directory).</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">An <see cref="IPermissionStore"/> is already registered.</exception>
    public static IServiceCollection AddAsanaSync(this IServiceCollection services, string databasePath, Action<AsanaSyncOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ThrowIfStoreRegistered(services);
        services.TryAddSingleton(sp => new SqlitePermissionStore(databasePath, sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IPermissionReader>(sp => sp.GetRequiredService<SqlitePermissionStore>());
        return AddEngine(services, sp => sp.GetRequiredService<SqlitePermissionStore>(), configure);
    }

    /// <summary>
    /// Registers <see cref="AsanaSyncEngine"/> over your own store: <typeparamref name="TStore"/> as a singleton (unless
    /// it is registered already, as a singleton), resolvable as both <typeparamref name="TStore"/> and
    /// <see cref="IPermissionStore"/>. See
    /// <see cref="AddAsanaSync(IServiceCollection, Func{IServiceProvider, IPermissionStore}, Action{AsanaSyncOptions}?)"/>
    /// for what is registered besides the store.
    /// </summary>
    /// <typeparam name="TStore">The store; the container builds it (its constructor's parameters are services).</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">An <see cref="IPermissionStore"/> is already registered.</exception>
    public static IServiceCollection AddAsanaSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this IServiceCollection services, Action<AsanaSyncOptions>? configure = null)
        where TStore : class, IPermissionStore
    {
        ArgumentNullException.ThrowIfNull(services);
        ThrowIfStoreRegistered(services);
        services.TryAddSingleton<TStore>();
        return AddEngine(services, sp => sp.GetRequiredService<TStore>(), configure);
    }

    /// <summary>
    /// Registers <see cref="AsanaSyncEngine"/> over your own store, built by <paramref name="storeFactory"/> once, as the
    /// singleton <see cref="IPermissionStore"/> (the container disposes it with itself when it is disposable). Besides
    /// the store, every overload registers the engine as a singleton, and <see cref="AsanaSyncOptions"/> through the
    /// options pattern (<c>IOptions&lt;AsanaSyncOptions&gt;</c>, and the options object itself), validated at startup by
    /// a host (<c>ValidateOnStart</c>) and otherwise when the engine is first resolved: an invalid option fails with an
    /// <see cref="OptionsValidationException"/> naming it. An <see cref="IAsanaClient"/> must be registered too
    /// (<c>AddAsanaClient</c>); <see cref="TimeProvider"/> and loggers are taken from the container when present.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="storeFactory">Builds the store.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">An <see cref="IPermissionStore"/> is already registered.</exception>
    public static IServiceCollection AddAsanaSync(this IServiceCollection services, Func<IServiceProvider, IPermissionStore> storeFactory, Action<AsanaSyncOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storeFactory);
        ThrowIfStoreRegistered(services);
        return AddEngine(services, storeFactory, configure);
    }

    private static IServiceCollection AddEngine(IServiceCollection services, Func<IServiceProvider, IPermissionStore> storeFactory, Action<AsanaSyncOptions>? configure)
    {
        var options = services.AddOptions<AsanaSyncOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AsanaSyncOptions>, AsanaSyncOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<AsanaSyncOptions>>().Value);
        services.AddSingleton(storeFactory);
        services.TryAddSingleton(sp =>
        {
            // The options first: an invalid one is reported before anything else is built.
            var syncOptions = sp.GetRequiredService<AsanaSyncOptions>();
            return new AsanaSyncEngine(
                sp.GetRequiredService<IAsanaClient>(),
                sp.GetRequiredService<IPermissionStore>(),
                syncOptions,
                sp.GetService<ILogger<AsanaSyncEngine>>(),
                sp.GetService<TimeProvider>());
        });
        return services;
    }

    /// <summary>
    /// One store per container: a second one would leave the engine writing to one store while the host reads another.
    /// </summary>
    private static void ThrowIfStoreRegistered(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(IPermissionStore) && !d.IsKeyedService);
        if (existing is not null)
        {
            var what = existing.ImplementationType?.Name ?? existing.ImplementationInstance?.GetType().Name ?? "by a factory";
            throw new InvalidOperationException(
                $"An IPermissionStore is already registered ({what}). AddAsanaSync registers the store the engine writes to: call it once, "
                + "and pass your own store to AddAsanaSync<TStore>() or AddAsanaSync(storeFactory) instead of registering it as IPermissionStore yourself.");
        }
    }
}
