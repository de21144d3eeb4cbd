using Microsoft.Data.Sqlite;

namespace Asana.Sync.AspNetCore.Storage;

/// <summary>
/// Registrations, secrets and remembered deliveries in a SQLite file, so a restart keeps verifying signatures and
/// refusing replays. A new file is created readable by its owner only (on Unix): it holds the webhooks' secrets.
/// </summary>
public sealed class SqliteWebhookSecretStore : IWebhookSecretStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS asana_webhook_registrations (
            registration_id TEXT PRIMARY KEY,
            workspace_gid TEXT NOT NULL,
            resource_gid TEXT NOT NULL,
            resource_type TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            webhook_gid TEXT NULL,
            secret TEXT NULL);
        CREATE INDEX IF NOT EXISTS asana_webhook_registrations_workspace ON asana_webhook_registrations (workspace_gid);
        CREATE TABLE IF NOT EXISTS asana_webhook_deliveries (
            registration_id TEXT NOT NULL,
            body_hash BLOB NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (registration_id, body_hash));
        """;

    private readonly string _connectionString;
    private readonly Lock _initGate = new();
    private volatile bool _initialized;

    /// <summary>Uses (and creates when missing) the SQLite file at <paramref name="path"/>.</summary>
    /// <param name="path">The database file.</param>
    public SqliteWebhookSecretStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task SaveAsync(WebhookRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO asana_webhook_registrations (registration_id, workspace_gid, resource_gid, resource_type, created_at, webhook_gid, secret)
            VALUES ($id, $workspace, $resource, $type, $created, $webhook, $secret)
            ON CONFLICT (registration_id) DO UPDATE SET workspace_gid = $workspace, resource_gid = $resource, resource_type = $type,
                created_at = $created, webhook_gid = $webhook, secret = $secret
            """;
        command.Parameters.AddWithValue("$id", registration.RegistrationId);
        command.Parameters.AddWithValue("$workspace", registration.WorkspaceGid);
        command.Parameters.AddWithValue("$resource", registration.ResourceGid);
        command.Parameters.AddWithValue("$type", registration.ResourceType);
        command.Parameters.AddWithValue("$created", registration.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$webhook", (object?)registration.WebhookGid ?? DBNull.Value);
        command.Parameters.AddWithValue("$secret", (object?)registration.Secret ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WebhookRegistration?> GetAsync(string registrationId, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync("registration_id = $key", registrationId, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookRegistration>> ListAsync(string workspaceGid, CancellationToken cancellationToken = default) =>
        QueryAsync("workspace_gid = $key", workspaceGid, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TryCompleteHandshakeAsync(string registrationId, string secret, DateTimeOffset startedAfter, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE asana_webhook_registrations SET secret = $secret
            WHERE registration_id = $id AND secret IS NULL AND created_at >= $after
            """;
        command.Parameters.AddWithValue("$secret", secret);
        command.Parameters.AddWithValue("$id", registrationId);
        command.Parameters.AddWithValue("$after", startedAfter.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string registrationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in new[] { "asana_webhook_deliveries", "asana_webhook_registrations" })
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DELETE FROM {table} WHERE registration_id = $id";
            command.Parameters.AddWithValue("$id", registrationId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryRememberDeliveryAsync(string registrationId, byte[] bodyHash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bodyHash);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var purge = connection.CreateCommand())
        {
            // Expired entries go when a new one comes in: the table stays bounded by the deliveries of one window.
            purge.Transaction = transaction;
            purge.CommandText = "DELETE FROM asana_webhook_deliveries WHERE expires_at <= $now";
            purge.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        int inserted;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO asana_webhook_deliveries (registration_id, body_hash, expires_at) VALUES ($id, $hash, $expires)";
            insert.Parameters.AddWithValue("$id", registrationId);
            insert.Parameters.AddWithValue("$hash", bodyHash);
            insert.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
            inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted == 1;
    }

    /// <inheritdoc />
    public async Task ForgetDeliveryAsync(string registrationId, byte[] bodyHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bodyHash);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM asana_webhook_deliveries WHERE registration_id = $id AND body_hash = $hash";
        command.Parameters.AddWithValue("$id", registrationId);
        command.Parameters.AddWithValue("$hash", bodyHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Names the file; never a secret.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"SqliteWebhookSecretStore {{ Path = {Path} }}";

    private async Task<IReadOnlyList<WebhookRegistration>> QueryAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT registration_id, workspace_gid, resource_gid, resource_type, created_at, webhook_gid, secret " +
                              $"FROM asana_webhook_registrations WHERE {where} ORDER BY registration_id";
        command.Parameters.AddWithValue("$key", key);
        var result = new List<WebhookRegistration>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new WebhookRegistration(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return result;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            Initialize();
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private void Initialize()
    {
        lock (_initGate)
        {
            if (_initialized)
            {
                return;
            }

            if (!File.Exists(Path))
            {
                CreateOwnerOnlyFile(Path);
            }

            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Schema;
            command.ExecuteNonQuery();
            _initialized = true;
        }
    }

    private static void CreateOwnerOnlyFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created meanwhile by another process: use it.
        }
    }
}
