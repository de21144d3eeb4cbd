using System.Globalization;
using Asana.Permissions;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;
using Microsoft.Data.Sqlite;

namespace Asana.Sync.Sqlite;

/// <summary>
/// The embedded <see cref="IPermissionStore"/>: one SQLite file (WAL) holding any number of workspaces, kept apart by
/// workspace gid. The schema is created and upgraded by versioned migrations recorded in <c>schema_migrations</c>.
/// Each sync is committed in one transaction, so readers see the previous complete state until the commit and a failed
/// or killed sync changes nothing. Besides the Merge-shaped rows it keeps the Asana source records (so an incremental
/// sync can rebuild <see cref="WorkspacePermissions"/>), the principal tokens of tickets and users (visibility and
/// search are plain SQL joins) and an FTS5 index over task names and notes.
/// </summary>
public sealed partial class SqlitePermissionStore : IPermissionStore, IPermissionReader, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Opens (creating when missing) the store at <paramref name="databasePath"/> for reading and syncing.</summary>
    /// <param name="databasePath">The SQLite file.</param>
    /// <param name="timeProvider">The clock for migration timestamps and leases (default: system).</param>
    public SqlitePermissionStore(string databasePath, TimeProvider? timeProvider = null)
        : this(databasePath, readOnly: false, timeProvider)
    {
    }

    private SqlitePermissionStore(string databasePath, bool readOnly, TimeProvider? timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        IsReadOnly = readOnly;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
    }

    /// <summary>
    /// Opens an existing store for reading only: it never creates, migrates or writes the file (not even its journal
    /// mode). A missing file, a file that is not a store of this library, or one that needs a migration fails on first
    /// use with <see cref="PermissionStoreException"/> and a one-line message; the file stays as it was.
    /// </summary>
    /// <param name="databasePath">The SQLite file.</param>
    /// <param name="timeProvider">The clock (default: system).</param>
    public static SqlitePermissionStore OpenReadOnly(string databasePath, TimeProvider? timeProvider = null) => new(databasePath, readOnly: true, timeProvider);

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Whether the store was opened with <see cref="OpenReadOnly"/>: every write throws.</summary>
    public bool IsReadOnly { get; }

    /// <summary>The schema version the code expects (the highest migration).</summary>
    public static int CurrentSchemaVersion => SqliteSchema.Migrations[^1].Version;

    /// <summary>
    /// Creates the file and applies pending migrations (read-only: checks that the file is an up-to-date store).
    /// Idempotent; every other call runs it first. A file that is not a store of this library, or was written by a newer
    /// version, is refused with <see cref="PermissionStoreException"/> and left untouched.
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

            if (IsReadOnly && !File.Exists(DatabasePath))
            {
                throw new PermissionStoreException(PermissionStoreError.Missing, $"No store at {DatabasePath}.");
            }

            if (!IsReadOnly)
            {
                var directory = Path.GetDirectoryName(DatabasePath);
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }
            }

            try
            {
                var applied = await InitializeCoreAsync(cancellationToken);
                _initialized = true;
                return applied;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 26)
            {
                // SQLITE_NOTADB: some other kind of file.
                throw new PermissionStoreException(PermissionStoreError.NotAStore, $"{DatabasePath} is not a SQLite database.", ex);
            }
        }
        finally
        {
            _initLock.Release();
        }
    }

    private async Task<int> InitializeCoreAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        var version = await ReadSchemaVersionAsync(connection, cancellationToken);
        if (version > CurrentSchemaVersion)
        {
            throw new PermissionStoreException(
                PermissionStoreError.NewerVersion,
                $"{DatabasePath} was written by a newer version of Asana.Sync (schema {version}; this version knows up to {CurrentSchemaVersion}).");
        }

        // An up-to-date store is only read: no write, no write lock, so readers never wait for a committing sync.
        if (version == CurrentSchemaVersion)
        {
            return 0;
        }

        if (IsReadOnly)
        {
            throw version == 0
                ? new PermissionStoreException(PermissionStoreError.Missing, $"{DatabasePath} holds no store yet (an empty database).")
                : new PermissionStoreException(PermissionStoreError.OlderVersion, $"{DatabasePath} has schema {version} and needs migrating to {CurrentSchemaVersion}, which a read-only open does not do (a sync does).");
        }

        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", null, cancellationToken);
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);", null, cancellationToken);
        var applied = 0;
        foreach (var migration in SqliteSchema.Migrations)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using (var check = Command(connection, transaction, "SELECT COUNT(*) FROM schema_migrations WHERE version = $v;"))
            {
                check.Parameters.AddWithValue("$v", migration.Version);
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
                {
                    continue;
                }
            }

            await ExecuteAsync(connection, transaction, migration.Sql, null, cancellationToken);
            await using (var record = Command(connection, transaction, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $a);"))
            {
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                record.Parameters.AddWithValue("$a", _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            applied++;
        }

        return applied;
    }

    /// <summary>The highest migration version recorded in the file.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadSchemaVersionAsync(connection, cancellationToken);
    }

    /// <summary>
    /// The highest migration recorded: 0 for an empty database. A database with tables but without our migrations (or
    /// with migrations of other names) is another application's, and refused.
    /// </summary>
    private async Task<int> ReadSchemaVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        await using (var list = Command(connection, null, "SELECT name FROM sqlite_master WHERE type = 'table';"))
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
        await using (var command = Command(connection, null, "SELECT version, name FROM schema_migrations ORDER BY version;"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                version = reader.GetInt32(0);
                var known = SqliteSchema.Migrations.FirstOrDefault(m => m.Version == version);
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
            new(PermissionStoreError.NotAStore, $"{DatabasePath} is not an Asana.Sync store (it holds other tables); nothing was changed.");
    }

    /// <inheritdoc />
    public async Task<long> GetGenerationAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        await using var connection = await OpenAsync(cancellationToken);
        return (await ReadGenerationAsync(connection, null, workspaceGid, cancellationToken)).Generation;
    }

    internal static async Task<(long Generation, bool Purged)> ReadGenerationAsync(SqliteConnection connection, SqliteTransaction? transaction, string workspaceGid, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT generation, purged FROM workspace_generations WHERE workspace_gid = $ws;", workspaceGid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1) != 0) : (0, false);
    }

    /// <inheritdoc />
    public async Task<SyncLease> TryAcquireSyncLeaseAsync(string workspaceGid, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ThrowIfReadOnly();
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var now = _timeProvider.GetUtcNow();
        var held = await ReadLeaseAsync(connection, transaction, workspaceGid, cancellationToken);
        if (held is not null && held.ExpiresAt > now)
        {
            throw PermissionStoreException.LeaseHeldBy(held);
        }

        var lease = new SyncLease(workspaceGid, Guid.NewGuid().ToString("N"), owner, now, now + duration);
        await using (var write = Command(connection, transaction, "INSERT OR REPLACE INTO sync_leases (workspace_gid, lease_id, owner, acquired_at, expires_at) VALUES ($ws, $id, $owner, $at, $until);", workspaceGid))
        {
            write.Parameters.AddWithValue("$id", lease.LeaseId);
            write.Parameters.AddWithValue("$owner", owner);
            write.Parameters.AddWithValue("$at", Timestamp(lease.AcquiredAt));
            write.Parameters.AddWithValue("$until", Timestamp(lease.ExpiresAt));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return lease;
    }

    /// <inheritdoc />
    public async Task<SyncLease?> RenewSyncLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ThrowIfReadOnly();
        var renewed = lease with { ExpiresAt = _timeProvider.GetUtcNow() + duration };
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "UPDATE sync_leases SET expires_at = $until WHERE workspace_gid = $ws AND lease_id = $id;", lease.WorkspaceGid);
        command.Parameters.AddWithValue("$id", lease.LeaseId);
        command.Parameters.AddWithValue("$until", Timestamp(renewed.ExpiresAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0 ? renewed : null;
    }

    /// <inheritdoc />
    public async Task ReleaseSyncLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ThrowIfReadOnly();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "DELETE FROM sync_leases WHERE workspace_gid = $ws AND lease_id = $id;", lease.WorkspaceGid);
        command.Parameters.AddWithValue("$id", lease.LeaseId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<SyncLease?> ReadLeaseAsync(SqliteConnection connection, SqliteTransaction transaction, string workspaceGid, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT lease_id, owner, acquired_at, expires_at FROM sync_leases WHERE workspace_gid = $ws;", workspaceGid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SyncLease(workspaceGid, reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture))
            : null;
    }

    private static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async Task<IPermissionStoreWriter> BeginSyncAsync(string workspaceGid, long expectedGeneration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        var writer = await OpenWriterAsync(workspaceGid, expectedGeneration, cancellationToken);
        try
        {
            // The transaction holds the write lock from here to the commit, so this one check stands for the commit too:
            // a sync that has already lost fails before it writes anything.
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

    /// <summary>The writer connection's page cache, in SQLite's "negative means KiB" form: 256 MiB.</summary>
    internal const int WriterCacheSize = -262_144;

    /// <summary>SQLite's default page cache (2 MB), which the writer's connection gets back before it is pooled.</summary>
    internal const int DefaultCacheSize = -2_000;

    /// <summary>A connection with a BEGIN IMMEDIATE transaction, owned by the returned writer (disposed here on failure).</summary>
    private async Task<SqlitePermissionStoreWriter> OpenWriterAsync(string workspaceGid, long? expectedGeneration, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly();
        var connection = await OpenAsync(cancellationToken);
        try
        {
            // A full sync writes token rows in ticket order, i.e. at random places of the token-first keys: with the
            // default 2 MB page cache every write rereads pages through the WAL. The writer restores the default
            // before its connection goes back to the pool.
            await ExecuteAsync(connection, null, $"PRAGMA cache_size = {WriterCacheSize};", null, cancellationToken);
            return new SqlitePermissionStoreWriter(connection, connection.BeginTransaction(deferred: false), workspaceGid, expectedGeneration, OnCommitted);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<StoredWorkspace?> LoadAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        await using var connection = await OpenAsync(cancellationToken);
        // One read transaction: a consistent snapshot even while a sync commits.
        await using var transaction = connection.BeginTransaction(deferred: true);
        return await LoadCoreAsync(connection, transaction, workspaceGid, cancellationToken);
    }

    private void ThrowIfReadOnly()
    {
        if (IsReadOnly)
        {
            throw new PermissionStoreException(PermissionStoreError.ReadOnly, $"The store {DatabasePath} was opened read-only.");
        }
    }

    private static async Task<StoredWorkspace?> LoadCoreAsync(SqliteConnection connection, SqliteTransaction transaction, string ws, CancellationToken cancellationToken)
    {
        WorkspaceRecord? workspace = null;
        DateTimeOffset? lastSync = null, lastFull = null;
        int? lookback = null;
        DateTimeOffset? lastScan = null;
        bool? searchAvailable = null;
        await using (var command = Command(connection, transaction, "SELECT name, is_organization, last_sync_at, last_full_sync_at, lookback_days, last_projectless_scan_at, task_search_available FROM workspaces WHERE gid = $ws;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                workspace = new WorkspaceRecord(ws, reader.GetString(0), reader.GetInt64(1) != 0);
                lastSync = reader.IsDBNull(2) ? null : DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture);
                lastFull = reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture);
                lookback = reader.IsDBNull(4) ? null : reader.GetInt32(4);
                lastScan = reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture);
                searchAvailable = reader.IsDBNull(6) ? null : reader.GetInt64(6) != 0;
            }
        }

        if (workspace is null)
        {
            return null;
        }

        var users = new List<UserRecord>();
        var memberships = new List<WorkspaceMembershipRecord>();
        var userFingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command(connection, transaction, "SELECT gid, name, email, is_active, is_admin, is_guest, fingerprint FROM users WHERE workspace_gid = $ws ORDER BY gid;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var gid = reader.GetString(0);
                users.Add(new UserRecord(gid, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
                memberships.Add(new WorkspaceMembershipRecord(gid, reader.GetInt64(3) != 0, reader.GetInt64(4) != 0, reader.GetInt64(5) != 0));
                AddFingerprint(userFingerprints, gid, reader, 6);
            }
        }

        var teams = new List<TeamRecord>();
        var teamFingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command(connection, transaction, "SELECT gid, name, fingerprint, description FROM teams WHERE workspace_gid = $ws ORDER BY gid;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                teams.Add(new TeamRecord(reader.GetString(0), reader.GetString(1), reader.IsDBNull(3) ? null : reader.GetString(3)));
                AddFingerprint(teamFingerprints, reader.GetString(0), reader, 2);
            }
        }

        var teamMemberships = new List<TeamMembershipRecord>();
        await using (var command = Command(connection, transaction, "SELECT team_gid, user_gid, is_guest, is_limited_access FROM team_memberships WHERE workspace_gid = $ws ORDER BY team_gid, user_gid;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                teamMemberships.Add(new TeamMembershipRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0, reader.GetInt64(3) != 0));
            }
        }

        var projects = new List<ProjectRecord>();
        await using (var command = Command(connection, transaction, "SELECT gid, name, privacy_setting, team_gid, archived, notes FROM projects WHERE workspace_gid = $ws ORDER BY gid;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                projects.Add(new ProjectRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4) != 0, reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        var projectMemberships = new List<ProjectMembershipRecord>();
        await using (var command = Command(connection, transaction, "SELECT project_gid, member_gid, member_kind FROM project_memberships WHERE workspace_gid = $ws ORDER BY project_gid, member_kind, member_gid;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                projectMemberships.Add(new ProjectMembershipRecord(reader.GetString(0), reader.GetString(1), ParseMemberKind(reader.GetString(2))));
            }
        }

        var sections = new List<SectionRecord>();
        await using (var command = Command(connection, transaction, "SELECT gid, name, project_gid FROM sections WHERE workspace_gid = $ws ORDER BY gid;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                sections.Add(new SectionRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var collectionFingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command(connection, transaction, "SELECT gid, fingerprint FROM collections WHERE workspace_gid = $ws;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                AddFingerprint(collectionFingerprints, reader.GetString(0), reader, 1);
            }
        }

        var tasks = new List<TaskRecord>();
        var subtaskCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var ticketFingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command(connection, transaction, "SELECT gid, name, notes, assignee_gid, followers_json, memberships_json, parent_gid, modified_at, completed, num_subtasks, fingerprint, details_json FROM tasks WHERE workspace_gid = $ws ORDER BY gid;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var gid = reader.GetString(0);
                tasks.Add(new TaskRecord(
                    gid,
                    reader.GetString(1),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    SqliteJson.DecodeStrings(reader.GetString(4)),
                    SqliteJson.DecodePlacements(reader.GetString(5)),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetInt64(8) != 0,
                    Storage.Codecs.TaskDetailsJson.Decode(reader.IsDBNull(11) ? null : reader.GetString(11))));
                subtaskCounts[gid] = reader.GetInt32(9);
                AddFingerprint(ticketFingerprints, gid, reader, 10);
            }
        }

        var portfolios = new List<PortfolioRecord>();
        var portfolioFingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command(connection, transaction, "SELECT gid, name, fingerprint FROM portfolios WHERE workspace_gid = $ws ORDER BY gid;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                portfolios.Add(new PortfolioRecord(reader.GetString(0), reader.GetString(1)));
                AddFingerprint(portfolioFingerprints, reader.GetString(0), reader, 2);
            }
        }

        var portfolioMemberships = new List<PortfolioMembershipRecord>();
        await using (var command = Command(connection, transaction, "SELECT portfolio_gid, member_gid, member_kind FROM portfolio_memberships WHERE workspace_gid = $ws ORDER BY portfolio_gid, member_kind, member_gid;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                portfolioMemberships.Add(new PortfolioMembershipRecord(reader.GetString(0), reader.GetString(1), ParseMemberKind(reader.GetString(2))));
            }
        }

        var portfolioSettings = new List<ProjectPortfolioSettingRecord>();
        await using (var command = Command(connection, transaction, "SELECT portfolio_gid, project_gid, is_access_control_inherited FROM project_portfolio_settings WHERE workspace_gid = $ws ORDER BY portfolio_gid, project_gid;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                portfolioSettings.Add(new ProjectPortfolioSettingRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0));
            }
        }

        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command(connection, transaction, "SELECT project_gid, sync_token FROM project_sync_tokens WHERE workspace_gid = $ws;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tokens[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var data = new WorkspaceData(workspace, users, memberships, teams, teamMemberships, projects, projectMemberships, sections, tasks)
        {
            Portfolios = portfolios,
            PortfolioMemberships = portfolioMemberships,
            ProjectPortfolioSettings = portfolioSettings,
        };
        var (generation, _) = await ReadGenerationAsync(connection, transaction, ws, cancellationToken);
        return new StoredWorkspace(data, subtaskCounts, new SyncState(lastSync, lastFull, tokens) { LookbackDays = lookback, LastProjectlessScanAt = lastScan, TaskSearchAvailable = searchAvailable })
        {
            Generation = generation,
            Fingerprints = new RowFingerprints(userFingerprints, teamFingerprints, collectionFingerprints, ticketFingerprints, portfolioFingerprints),
        };
    }

    /// <summary>Keeps a row's fingerprint; a row without one (written before migration 6) is left out, so it is rewritten.</summary>
    private static void AddFingerprint(Dictionary<string, string> fingerprints, string gid, SqliteDataReader reader, int ordinal)
    {
        if (!reader.IsDBNull(ordinal))
        {
            fingerprints[gid] = reader.GetString(ordinal);
        }
    }

    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;", null, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>How a member kind is stored in the membership tables.</summary>
    internal static string MemberKindText(MemberKind kind) => kind == MemberKind.Team ? "team" : "user";

    internal static MemberKind ParseMemberKind(string text) => text == "team" ? MemberKind.Team : MemberKind.User;

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, string? workspaceGid = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        if (workspaceGid is not null)
        {
            command.Parameters.AddWithValue("$ws", workspaceGid);
        }

        return command;
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, string? workspaceGid, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, workspaceGid);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Releases pooled connections (and with them the file handles).</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _permissionsCache.Clear();
        _initLock.Dispose();
    }

    private void OnCommitted(string workspaceGid) => _permissionsCache.TryRemove(workspaceGid, out _);
}
