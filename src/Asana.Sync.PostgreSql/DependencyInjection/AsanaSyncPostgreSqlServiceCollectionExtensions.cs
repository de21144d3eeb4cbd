using Asana.Sync;
using Asana.Sync.PostgreSql;
using Asana.Sync.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the sync engine over a <see cref="PostgreSqlPermissionStore"/>.</summary>
public static class AsanaSyncPostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AsanaSyncEngine"/> over a <see cref="PostgreSqlPermissionStore"/> in the database
    /// <paramref name="connectionString"/> names, resolvable as <see cref="PostgreSqlPermissionStore"/>,
    /// <c>IPermissionStore</c> and <see cref="IPermissionReader"/> (for its queries); the tables are created on first use. Everything else is registered as by Asana.Sync's
    /// <c>AddAsanaSync(storeFactory)</c>: the engine, the validated options, and the <see cref="TimeProvider"/> and
    /// loggers of the container when present. A server that cannot be reached fails on first use with a one-line
    /// message naming the database, host and port, never the password.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=...;Database=...;Username=...;Password=...</c>).</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">An <c>IPermissionStore</c> is already registered.</exception>
    public static IServiceCollection AddAsanaSyncPostgreSql(this IServiceCollection services, string connectionString, Action<AsanaSyncOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddAsanaSync(sp => sp.GetRequiredService<PostgreSqlPermissionStore>(), configure);
        services.TryAddSingleton(sp => new PostgreSqlPermissionStore(connectionString, sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IPermissionReader>(sp => sp.GetRequiredService<PostgreSqlPermissionStore>());
        return services;
    }
}
