using System.Globalization;
using Asana.Permissions;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;
using Npgsql;

namespace Asana.Sync.PostgreSql;

/// <summary>
/// An <see cref="IPermissionStore"/> in a PostgreSQL database: any number of workspaces in one database, kept apart by
/// workspace gid. The schema is created and upgraded by versioned migrations recorded in <c>schema_migrations</c>.
/// Each sync is one transaction, so readers see the previous complete state until the commit and a failed or killed
/// sync changes nothing; a transaction-level advisory lock per workspace lets one writer at a time check and move the
/// workspace's generation, across processes and machines. Besides the Merge-shaped rows (as <c>jsonb</c>) it keeps the
/// Asana source records (so an incremental sync can rebuild <see cref="WorkspacePermissions"/>), the principal tokens
/// of tickets and users in indexed tables (so trimming is a SQL join) and a <c>tsvector</c> column with a GIN index over
/// task names and notes.
/// </summary>
public sealed partial class PostgreSqlPermissionStore : IPermissionStore, IPermissionReader, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Opens the store in the database a connection string names (its tables are created on first use).</summary>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=...;Database=...;Username=...;Password=...</c>).</param>
    /// <param name="timeProvider">The clock for migration timestamps and leases (default: system).</param>
    public PostgreSqlPermissionStore(string connectionString, TimeProvider? timeProvider = null)
        : this(NpgsqlDataSource.Create(Validated(connectionString)), ownsDataSource: true, timeProvider)
    {
    }

    /// <summary>Opens the store through a data source the caller owns (and disposes: this store does not).</summary>
    /// <param name="dataSource">The data source.</param>
    /// <param name="timeProvider">The clock for migration timestamps and leases (default: system).</param>
    public PostgreSqlPermissionStore(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, timeProvider)
    {
    }

    private PostgreSqlPermissionStore(NpgsqlDataSource dataSource, bool ownsDataSource, TimeProvider? timeProvider)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _timeProvider = timeProvider ?? TimeProvider.System;
        Description = Describe(dataSource.ConnectionString);
    }

    /// <summary>Where the store is, for messages: database, host and port (never the password).</summary>
    public string Description { get; }

    /// <summary>
    /// How long a sync or purge waits for another writer of the same workspace before it gives up with
    /// <see cref="PermissionStoreError.Conflict"/> (SQLite's store waits as long for its write lock).
    /// </summary>
    internal TimeSpan WriterLockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The schema version the code expects (the highest migration).</summary>
    public static int CurrentSchemaVersion => PostgreSqlSchema.Migrations[^1].Version;

    /// <summary>
    /// Applies pending migrations. Idempotent and safe to run from several processes at once; every other call runs it
    /// first. A schema that holds other tables but no store, or one written by a newer version, is refused with
    /// <see cref="PermissionStoreException"/> and left untouched.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of migrations applied by this call.</returns>
    public async Task<int> InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return 0;
        }

        await _initLock.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return 0;
            }

            var applied = await InitializeCoreAsync(cancellationToken);
            _initialized = true;
            return applied;
        }
        finally
        {
            _initLock.Release();
        }
    }

    private async Task<int> InitializeCoreAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var version = await ReadSchemaVersionAsync(connection, null, cancellationToken);
        if (version == CurrentSchemaVersion)
        {
            return 0;
        }

        if (version > CurrentSchemaVersion)
        {
            throw NewerVersion(version);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Migrations from several processes at once: one at a time, the others then find them applied.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended('asana-sync:migrations', 0));", cancellationToken);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL);", cancellationToken);
        version = await ReadSchemaVersionAsync(connection, transaction, cancellationToken);
        if (version > CurrentSchemaVersion)
        {
            throw NewerVersion(version);
        }

        var applied = 0;
        foreach (var migration in PostgreSqlSchema.Migrations.Where(m => m.Version > version))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = Command(connection, transaction, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3);", migration.Version, migration.Name, _timeProvider.GetUtcNow());
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied++;
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;

        PermissionStoreException NewerVersion(int found) => new(
            PermissionStoreError.NewerVersion,
            $"{Description} was written by a newer version of Asana.Sync.PostgreSql (schema {found}; this version knows up to {CurrentSchemaVersion}).");
    }

    /// <summary>The highest migration version recorded in the database (0 before the first).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadSchemaVersionAsync(connection, null, cancellationToken);
    }

    /// <summary>
    /// The highest migration recorded: 0 for a schema without tables. A schema with tables but without our migrations
    /// (or with migrations of other names) is another application's, and refused.
    /// </summary>
    private async Task<int> ReadSchemaVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        await using (var list = Command(connection, transaction, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE';"))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (tables.Count == 0)
        {
            return 0;
        }

        if (!tables.Contains("schema_migrations"))
        {
            throw NotAStore();
        }

        var version = 0;
        await using (var command = Command(connection, transaction, "SELECT version, name FROM schema_migrations ORDER BY version;"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                version = reader.GetInt32(0);
                var known = PostgreSqlSchema.Migrations.FirstOrDefault(m => m.Version == version);
                if (known is not null && known.Name != reader.GetString(1))
                {
                    throw NotAStore();
                }
            }
        }

        if (version == 0 && tables.Count > 1)
        {
            throw NotAStore();
        }

        return version;

        PermissionStoreException NotAStore() =>
            new(PermissionStoreError.NotAStore, $"{Description} is not an Asana.Sync store (its schema holds other tables); nothing was changed.");
    }

    /// <inheritdoc />
    public async Task<long> GetGenerationAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        await using var connection = await OpenAsync(cancellationToken);
        return (await ReadGenerationAsync(connection, null, workspaceGid, cancellationToken)).Generation;
    }

    internal static async Task<(long Generation, bool Purged)> ReadGenerationAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string workspaceGid, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT generation, purged FROM workspace_generations WHERE workspace_gid = $1;", workspaceGid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetBoolean(1)) : (0, false);
    }

    /// <inheritdoc />
    public async Task<SyncLease> TryAcquireSyncLeaseAsync(string workspaceGid, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Two processes asking at once: one at a time reads and takes the lease.
        await using (var exclusive = Command(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended('asana-sync:lease:' || $1, 0));", workspaceGid))
        {
            await exclusive.ExecuteNonQueryAsync(cancellationToken);
        }

        var now = _timeProvider.GetUtcNow();
        var held = await ReadLeaseAsync(connection, transaction, workspaceGid, cancellationToken);
        if (held is not null && held.ExpiresAt > now)
        {
            throw PermissionStoreException.LeaseHeldBy(held);
        }

        var lease = new SyncLease(workspaceGid, Guid.NewGuid().ToString("N"), owner, now, now + duration);
        await using (var write = Command(
            connection,
            transaction,
            """
            INSERT INTO sync_leases (workspace_gid, lease_id, owner, acquired_at, expires_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (workspace_gid) DO UPDATE SET lease_id = excluded.lease_id, owner = excluded.owner, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at;
            """,
            workspaceGid,
            lease.LeaseId,
            owner,
            lease.AcquiredAt,
            lease.ExpiresAt))
        {
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return lease;
    }

    /// <inheritdoc />
    public async Task<SyncLease?> RenewSyncLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var renewed = lease with { ExpiresAt = _timeProvider.GetUtcNow() + duration };
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "UPDATE sync_leases SET expires_at = $3 WHERE workspace_gid = $1 AND lease_id = $2;", lease.WorkspaceGid, lease.LeaseId, renewed.ExpiresAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0 ? renewed : null;
    }

    /// <inheritdoc />
    public async Task ReleaseSyncLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "DELETE FROM sync_leases WHERE workspace_gid = $1 AND lease_id = $2;", lease.WorkspaceGid, lease.LeaseId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<SyncLease?> ReadLeaseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string workspaceGid, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT lease_id, owner, acquired_at, expires_at FROM sync_leases WHERE workspace_gid = $1;", workspaceGid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SyncLease(workspaceGid, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    /// <inheritdoc />
    public async Task<IPermissionStoreWriter> BeginSyncAsync(string workspaceGid, long expectedGeneration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        var writer = await OpenWriterAsync(workspaceGid, expectedGeneration, cancellationToken);
        try
        {
            // The transaction holds the workspace's advisory lock from here to the commit, so this one check stands for
            // the commit too: a sync that has already lost fails before it writes anything.
            await writer.ThrowIfSupersededAsync(cancellationToken);
            return writer;
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<bool> PurgeAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        await using var writer = await OpenWriterAsync(workspaceGid, expectedGeneration: null, cancellationToken);
        var existed = await writer.DeleteWorkspaceAsync(cancellationToken);
        await writer.CommitAsync(cancellationToken);
        return existed;
    }

    /// <summary>
    /// A connection with a transaction that holds the workspace's advisory lock (one writer per workspace, in any
    /// process), owned by the returned writer (disposed here on failure).
    /// </summary>
    private async Task<PostgreSqlPermissionStoreWriter> OpenWriterAsync(string workspaceGid, long? expectedGeneration, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            var timeout = ((long)WriterLockTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
            await using (var limit = Command(connection, transaction, "SELECT set_config('lock_timeout', $1, true);", timeout))
            {
                await limit.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var exclusive = Command(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended('asana-sync:workspace:' || $1, 0));", workspaceGid))
            {
                await exclusive.ExecuteNonQueryAsync(cancellationToken);
            }

            return new PostgreSqlPermissionStoreWriter(connection, transaction, workspaceGid, expectedGeneration);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw new PermissionStoreException(
                PermissionStoreError.Conflict,
                string.Create(CultureInfo.InvariantCulture, $"Another sync or purge of workspace {workspaceGid} held its write lock for over {WriterLockTimeout.TotalSeconds:0.#} s; nothing was changed."));
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<StoredWorkspace?> LoadAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        await using var connection = await OpenAsync(cancellationToken);
        // One snapshot for every query: never half of one commit and half of another.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        return await PostgreSqlLoader.LoadAsync(connection, transaction, workspaceGid, cancellationToken);
    }

    /// <summary>An open connection to an initialized store.</summary>
    internal async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Cannot open {Description}: {OneLine(ex.Message)}", ex);
        }
    }

    internal static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in parameters)
        {
            // timestamptz takes UTC only.
            command.Parameters.Add(value switch
            {
                NpgsqlParameter parameter => parameter,
                DateTimeOffset at => new NpgsqlParameter { Value = at.ToUniversalTime() },
                null => new NpgsqlParameter { Value = DBNull.Value },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        return command;
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Database, host and port of a connection string; never its password.</summary>
    internal static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        var database = string.IsNullOrEmpty(builder.Database) ? builder.Username ?? "(default)" : builder.Database;
        return string.Create(CultureInfo.InvariantCulture, $"the PostgreSQL database {database} on {host}:{builder.Port}");
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Validated(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The message of a malformed string may quote it, password included: say only what is wrong in general.
            throw new ArgumentException("The PostgreSQL connection string is not valid (expected Host=...;Database=...;Username=...;Password=...).", nameof(connectionString));
        }

        return connectionString;
    }

    /// <summary>Closes the pooled connections when the store made its own data source.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }

        _initLock.Dispose();
    }

    /// <summary>Closes the pooled connections when the store made its own data source.</summary>
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }

        _initLock.Dispose();
    }
}
