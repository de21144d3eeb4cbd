using Asana.Client;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Asana.Sync;

/// <summary>Registers the sync engine and the SQLite store.</summary>
public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AsanaSyncEngine"/> (singleton), <see cref="AsanaSyncOptions"/> and, unless an
    /// <see cref="IPermissionStore"/> is already registered, a <see cref="SqlitePermissionStore"/> at
    /// <paramref name="databasePath"/>. An <see cref="IAsanaClient"/> must be registered too (e.g. the client's own
    /// DI extension). <see cref="TimeProvider"/> and loggers are taken from the container when present.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="databasePath">The SQLite file of the default store.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAsanaSync(this IServiceCollection services, string databasePath = "asana-permissions.db", Action<AsanaSyncOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var options = new AsanaSyncOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new SqlitePermissionStore(databasePath, sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IPermissionStore>(sp => sp.GetRequiredService<SqlitePermissionStore>());
        services.TryAddSingleton(sp => new AsanaSyncEngine(
            sp.GetRequiredService<IAsanaClient>(),
            sp.GetRequiredService<IPermissionStore>(),
            sp.GetRequiredService<AsanaSyncOptions>(),
            sp.GetService<ILogger<AsanaSyncEngine>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
