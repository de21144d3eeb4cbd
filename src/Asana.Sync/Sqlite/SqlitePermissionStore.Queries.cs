using Asana.Sync.Storage;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Asana.Permissions;
using Asana.Permissions.Sources;
using Microsoft.Data.Sqlite;

namespace Asana.Sync.Sqlite;

public sealed partial class SqlitePermissionStore
{
    private readonly ConcurrentDictionary<string, (long Generation, EvaluationOptions Options, WorkspacePermissions Permissions)> _permissionsCache = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkspaceRecord>> ListWorkspacesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ListWorkspacesAsync(connection, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string?> ResolveUserAsync(string workspaceGid, string user, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await OpenAsync(cancellationToken);
        return await ResolveUserAsync(connection, workspaceGid, user, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> CanViewAsync(string workspaceGid, string user, string ticketGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(ticketGid);
        await using var connection = await OpenAsync(cancellationToken);
        var userGid = await ResolveUserAsync(connection, workspaceGid, user, cancellationToken);
        if (userGid is null)
        {
            return false;
        }

        await using var command = Command(connection, null, """
            SELECT EXISTS (SELECT 1 FROM user_tokens ut CROSS JOIN ticket_tokens tt ON tt.workspace_gid = ut.workspace_gid AND tt.token = ut.token
                           WHERE ut.workspace_gid = $ws AND ut.user_gid = $user AND tt.ticket_gid = $ticket);
            """, workspaceGid);
        command.Parameters.AddWithValue("$user", userGid);
        command.Parameters.AddWithValue("$ticket", ticketGid);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 0;
    }

    /// <inheritdoc />
    public async Task<AccessDecision> ExplainAsync(string workspaceGid, string user, string ticketGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(ticketGid);
        var permissions = await LoadPermissionsAsync(workspaceGid, null, cancellationToken);
        return permissions is null
            ? new AccessDecision(false, [], $"Workspace {workspaceGid} is not in the store.")
            : permissions.Explain(user, ticketGid);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAccessibleAsync(string workspaceGid, string user, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await OpenAsync(cancellationToken);
        var userGid = await ResolveUserAsync(connection, workspaceGid, user, cancellationToken);
        return userGid is null ? [] : await VisibleAsync(connection, workspaceGid, userGid, null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListAccessibleForAllUsersAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        await using var connection = await OpenAsync(cancellationToken);
        var result = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var users = await ReadStringsAsync(connection, transaction, "SELECT gid FROM users WHERE workspace_gid = $ws ORDER BY gid;", workspaceGid, null, cancellationToken);
        foreach (var user in users)
        {
            result[user] = await VisibleAsync(connection, workspaceGid, user, transaction, cancellationToken);
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListPrincipalsAsync(string workspaceGid, string ticketGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(ticketGid);
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadStringsAsync(connection, null, """
            SELECT DISTINCT ut.user_gid
            FROM ticket_tokens tt JOIN user_tokens ut ON ut.workspace_gid = tt.workspace_gid AND ut.token = tt.token
            WHERE tt.workspace_gid = $ws AND tt.ticket_gid = $key
            ORDER BY ut.user_gid;
            """, workspaceGid, ticketGid, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetTicketPrincipalTokensAsync(string workspaceGid, string ticketGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(ticketGid);
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadStringsAsync(connection, null, "SELECT token FROM ticket_tokens WHERE workspace_gid = $ws AND ticket_gid = $key ORDER BY token;", workspaceGid, ticketGid, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetUserPrincipalTokensAsync(string workspaceGid, string user, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await OpenAsync(cancellationToken);
        var userGid = await ResolveUserAsync(connection, workspaceGid, user, cancellationToken);
        return userGid is null
            ? []
            : await ReadStringsAsync(connection, null, "SELECT token FROM user_tokens WHERE workspace_gid = $ws AND user_gid = $key ORDER BY token;", workspaceGid, userGid, cancellationToken);
    }

    /// <summary>
    /// Rebuilds the permission engine of a workspace from its stored source records (cached per workspace until the next
    /// commit). Null when the workspace is not in the store.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="options">Evaluation options (default: <see cref="EvaluationOptions.Default"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<WorkspacePermissions?> LoadPermissionsAsync(string workspaceGid, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        options ??= EvaluationOptions.Default;
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        // Generations never repeat (a purge moves them on too), so a cached engine never outlives its data.
        var (generation, _) = await ReadGenerationAsync(connection, transaction, workspaceGid, cancellationToken);

        if (_permissionsCache.TryGetValue(workspaceGid, out var cached) && cached.Generation == generation && cached.Options == options)
        {
            return cached.Permissions;
        }

        var stored = await LoadCoreAsync(connection, transaction, workspaceGid, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var permissions = WorkspacePermissions.Build(stored.Data, options);
        _permissionsCache[workspaceGid] = (generation, options, permissions);
        return permissions;
    }

    /// <inheritdoc />
    /// <remarks>An FTS5 match over names and notes joined with the principal tokens, best rank first.</remarks>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string workspaceGid, string user, string text, int limit = 20, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var query = BuildMatchQuery(text);
        if (query.Length == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        var userGid = await ResolveUserAsync(connection, workspaceGid, user, cancellationToken);
        if (userGid is null)
        {
            return [];
        }

        // Ranking every match reads the full-text index only (cheap); the permission join is the costly part, so it
        // runs on the ranked matches one by one and stops at the limit (a common word matches a tenth of the tasks).
        // "LIMIT -1" keeps each step a subquery of its own (not flattened into the next), and the snippet is made
        // for the returned hits only.
        await using var command = Command(connection, null, """
            WITH ranked AS (
                SELECT t.id, t.gid, t.name, task_search.rank AS rank
                FROM task_search JOIN tasks t ON t.id = task_search.rowid
                WHERE task_search MATCH $q AND t.workspace_gid = $ws
                ORDER BY task_search.rank, t.gid
                LIMIT -1),
            visible AS (
                SELECT r.id, r.gid, r.name, r.rank FROM ranked r
                WHERE EXISTS (SELECT 1 FROM user_tokens ut JOIN ticket_tokens tt ON tt.workspace_gid = ut.workspace_gid AND tt.token = ut.token
                              WHERE ut.workspace_gid = $ws AND ut.user_gid = $user AND tt.ticket_gid = r.gid)
                LIMIT $limit)
            SELECT v.gid, v.name, snippet(task_search, -1, '[', ']', '…', 12)
            FROM visible v CROSS JOIN task_search ON task_search.rowid = v.id
            WHERE task_search MATCH $q
            ORDER BY v.rank, v.gid;
            """, workspaceGid);
        command.Parameters.AddWithValue("$q", query);
        command.Parameters.AddWithValue("$user", userGid);
        command.Parameters.AddWithValue("$limit", limit);
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHit(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? string.Empty : reader.GetString(2)));
        }

        return hits;
    }

    /// <inheritdoc />
    public async Task WriteExportAsync(string workspaceGid, Stream destination, bool indented = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(destination);
        var ws = workspaceGid;
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var writer = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = indented });
        await using (var command = Command(connection, transaction, "SELECT name, is_organization, roles_json FROM workspaces WHERE gid = $ws;", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"Workspace {ws} is not in the store.");
            }

            writer.WriteStartObject();
            writer.WritePropertyName("workspace");
            MergeJson.WriteWorkspace(writer, new WorkspaceRecord(ws, reader.GetString(0), reader.GetInt64(1) != 0));
            writer.WritePropertyName("roles");
            writer.WriteRawValue(reader.GetString(2), skipInputValidation: true);
        }

        await WriteRowsAsync(writer, connection, transaction, "users", "SELECT model_json FROM users WHERE workspace_gid = $ws ORDER BY gid;", ws, cancellationToken);
        await WriteRowsAsync(writer, connection, transaction, "teams", "SELECT model_json FROM teams WHERE workspace_gid = $ws ORDER BY gid;", ws, cancellationToken);
        await WriteRowsAsync(writer, connection, transaction, "collections", "SELECT model_json FROM collections WHERE workspace_gid = $ws ORDER BY gid;", ws, cancellationToken);
        await WriteRowsAsync(writer, connection, transaction, "tickets", "SELECT model_json FROM tasks WHERE workspace_gid = $ws ORDER BY gid;", ws, cancellationToken);
        // Tags live in their tasks' details: one object per distinct gid (a tag has one name; min picks one if two reads
        // disagreed).
        await WriteRowsAsync(writer, connection, transaction, "tags", """
            SELECT json_object('remote_id', json_extract(tag.value, '$.gid'), 'name', min(json_extract(tag.value, '$.name')))
            FROM tasks, json_each(tasks.details_json, '$.tags') AS tag
            WHERE tasks.workspace_gid = $ws AND tasks.details_json IS NOT NULL
            GROUP BY json_extract(tag.value, '$.gid') ORDER BY json_extract(tag.value, '$.gid');
            """, ws, cancellationToken);
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, string ws, string? key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, ws);
        if (key is not null)
        {
            command.Parameters.AddWithValue("$key", key);
        }

        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private static async Task WriteRowsAsync(Utf8JsonWriter writer, SqliteConnection connection, SqliteTransaction transaction, string name, string sql, string ws, CancellationToken cancellationToken)
    {
        writer.WriteStartArray(name);
        await using (var command = Command(connection, transaction, sql, ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                writer.WriteRawValue(reader.GetString(0), skipInputValidation: true);
                if (writer.BytesPending > 64 * 1024)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }
        }

        writer.WriteEndArray();
    }

    internal static string BuildMatchQuery(string text)
    {
        // Control characters separate words like spaces: inside a quoted FTS5 string a NUL ends the query early
        // ("unterminated string"), and the others would glue two words into one phrase.
        var separated = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
        var words = separated.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var builder = new StringBuilder();
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].Replace("\"", "\"\"", StringComparison.Ordinal);
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append('"').Append(word).Append('"');
            if (i == words.Length - 1)
            {
                builder.Append('*');
            }
        }

        return builder.ToString();
    }

    // CROSS JOIN pins SQLite's join order: the user's handful of tokens drive lookups in ticket_tokens' primary key.
    // With a plain JOIN the planner walks every ticket token in gid order to skip the sort, ~13x slower per user.
    private static async Task<IReadOnlyList<string>> VisibleAsync(SqliteConnection connection, string ws, string userGid, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, """
            SELECT DISTINCT tt.ticket_gid
            FROM user_tokens ut CROSS JOIN ticket_tokens tt ON tt.workspace_gid = ut.workspace_gid AND tt.token = ut.token
            WHERE ut.workspace_gid = $ws AND ut.user_gid = $user
            ORDER BY tt.ticket_gid;
            """, ws);
        command.Parameters.AddWithValue("$user", userGid);
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    // The engine's rule (WorkspacePermissions.ResolveUser): a gid wins; only text with an '@' is an email, matched
    // case-insensitively; an email several users share names none of them.
    private static async Task<string?> ResolveUserAsync(SqliteConnection connection, string ws, string user, CancellationToken cancellationToken)
    {
        var sql = user.Contains('@', StringComparison.Ordinal)
            ? "SELECT gid, gid = $user FROM users WHERE workspace_gid = $ws AND (gid = $user OR email_key = $key) ORDER BY gid = $user DESC, gid;"
            : "SELECT gid, 1 FROM users WHERE workspace_gid = $ws AND gid = $user;";
        await using var command = Command(connection, null, sql, ws);
        command.Parameters.AddWithValue("$user", user);
        command.Parameters.AddWithValue("$key", user.ToUpperInvariant());
        var candidates = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetInt64(1) != 0)
            {
                return reader.GetString(0);
            }

            candidates.Add(reader.GetString(0));
        }

        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => throw new AmbiguousUserException(user, candidates),
        };
    }

    private static async Task<IReadOnlyList<WorkspaceRecord>> ListWorkspacesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var list = new List<WorkspaceRecord>();
        await using var command = Command(connection, null, "SELECT gid, name, is_organization FROM workspaces ORDER BY gid;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new WorkspaceRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0));
        }

        return list;
    }
}
