using System.Collections.Concurrent;
using System.Data;
using System.Text;
using System.Text.Json;
using Asana.Permissions;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;
using Npgsql;

namespace Asana.Sync.PostgreSql;

public sealed partial class PostgreSqlPermissionStore
{
    private readonly ConcurrentDictionary<string, (long Generation, EvaluationOptions Options, WorkspacePermissions Permissions)> _permissionsCache = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkspaceRecord>> ListWorkspacesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var list = new List<WorkspaceRecord>();
        await using var command = Command(connection, null, "SELECT gid, name, is_organization FROM workspaces ORDER BY gid COLLATE \"C\";");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new WorkspaceRecord(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<string?> ResolveUserAsync(string workspaceGid, string user, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await OpenAsync(cancellationToken);
        return await ResolveUserAsync(connection, null, workspaceGid, user, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> CanViewAsync(string workspaceGid, string user, string ticketGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(ticketGid);
        await using var connection = await OpenAsync(cancellationToken);
        if (user.Contains('@', StringComparison.Ordinal))
        {
            var userGid = await ResolveUserAsync(connection, null, workspaceGid, user, cancellationToken);
            return userGid is not null && await CanViewAsync(connection, workspaceGid, userGid, ticketGid, cancellationToken);
        }

        // A gid needs no lookup first: tokens are stored under the user's gid, and an unknown user holds none.
        return await CanViewAsync(connection, workspaceGid, user, ticketGid, cancellationToken);
    }

    /// <summary>Whether the user (by gid) holds one of the ticket's tokens: one round trip.</summary>
    private static async Task<bool> CanViewAsync(NpgsqlConnection connection, string workspaceGid, string userGid, string ticketGid, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, """
            SELECT EXISTS (SELECT 1 FROM user_tokens ut JOIN ticket_tokens tt ON tt.workspace_gid = ut.workspace_gid AND tt.token = ut.token
                           WHERE ut.workspace_gid = $1 AND ut.user_gid = $2 AND tt.ticket_gid = $3);
            """, workspaceGid, userGid, ticketGid);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
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
        var userGid = await ResolveUserAsync(connection, null, workspaceGid, user, cancellationToken);
        return userGid is null ? [] : await VisibleAsync(connection, null, workspaceGid, userGid, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListAccessibleForAllUsersAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        await using var connection = await OpenAsync(cancellationToken);
        // One snapshot for every user: never half of one commit and half of another.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var result = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var user in await ReadStringsAsync(connection, transaction, "SELECT gid FROM users WHERE workspace_gid = $1 ORDER BY gid COLLATE \"C\";", cancellationToken, workspaceGid))
        {
            result[user] = [];
        }

        await using (var command = Command(connection, transaction, """
            SELECT DISTINCT ut.user_gid COLLATE "C", tt.ticket_gid COLLATE "C"
            FROM user_tokens ut JOIN ticket_tokens tt ON tt.workspace_gid = ut.workspace_gid AND tt.token = ut.token
            WHERE ut.workspace_gid = $1
            ORDER BY 1, 2;
            """, workspaceGid))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            string? current = null;
            List<string>? tickets = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                var user = reader.GetString(0);
                if (user != current)
                {
                    current = user;
                    tickets = [];
                    result[user] = tickets;
                }

                tickets!.Add(reader.GetString(1));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListPrincipalsAsync(string workspaceGid, string ticketGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(ticketGid);
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadStringsAsync(connection, null, """
            SELECT DISTINCT ut.user_gid COLLATE "C"
            FROM ticket_tokens tt JOIN user_tokens ut ON ut.workspace_gid = tt.workspace_gid AND ut.token = tt.token
            WHERE tt.workspace_gid = $1 AND tt.ticket_gid = $2
            ORDER BY 1;
            """, cancellationToken, workspaceGid, ticketGid);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetTicketPrincipalTokensAsync(string workspaceGid, string ticketGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(ticketGid);
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadStringsAsync(connection, null, "SELECT token FROM ticket_tokens WHERE workspace_gid = $1 AND ticket_gid = $2 ORDER BY token COLLATE \"C\";", cancellationToken, workspaceGid, ticketGid);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetUserPrincipalTokensAsync(string workspaceGid, string user, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await OpenAsync(cancellationToken);
        var userGid = await ResolveUserAsync(connection, null, workspaceGid, user, cancellationToken);
        return userGid is null
            ? []
            : await ReadStringsAsync(connection, null, "SELECT token FROM user_tokens WHERE workspace_gid = $1 AND user_gid = $2 ORDER BY token COLLATE \"C\";", cancellationToken, workspaceGid, userGid);
    }

    /// <summary>
    /// Rebuilds the permission engine of a workspace from its stored source records (cached per workspace until the next
    /// commit or purge). Null when the workspace is not in the store.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="options">Evaluation options (default: <see cref="EvaluationOptions.Default"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<WorkspacePermissions?> LoadPermissionsAsync(string workspaceGid, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        options ??= EvaluationOptions.Default;
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        // Generations never repeat (a purge moves them on too), so a cached engine never outlives its data.
        var (generation, _) = await ReadGenerationAsync(connection, transaction, workspaceGid, cancellationToken);
        if (_permissionsCache.TryGetValue(workspaceGid, out var cached) && cached.Generation == generation && cached.Options == options)
        {
            return cached.Permissions;
        }

        var stored = await PostgreSqlLoader.LoadAsync(connection, transaction, workspaceGid, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var permissions = WorkspacePermissions.Build(stored.Data, options);
        _permissionsCache[workspaceGid] = (generation, options, permissions);
        return permissions;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A <c>tsvector</c> match (GIN index) joined with the principal tokens in the same query, best <c>ts_rank</c>
    /// first. A word is its runs of letters and digits, matched as a phrase; the last run of the last word as a prefix.
    /// </remarks>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string workspaceGid, string user, string text, int limit = 20, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var query = BuildTsQuery(text);
        if (query.Length == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        var userGid = await ResolveUserAsync(connection, null, workspaceGid, user, cancellationToken);
        if (userGid is null)
        {
            return [];
        }

        await using var command = Command(connection, null, """
            SELECT hit.gid, hit.name,
                   ts_headline('simple', hit.name || ' ' || coalesce(hit.notes, ''), hit.q, 'StartSel=[, StopSel=], MaxWords=12, MinWords=4, ShortWord=0')
            FROM (
                SELECT t.gid, t.name, t.notes, q.q, ts_rank(t.search, q.q) AS rank
                FROM tasks t, (SELECT $3::tsquery AS q) q
                WHERE t.workspace_gid = $1 AND t.search @@ q.q
                  AND EXISTS (SELECT 1 FROM user_tokens ut JOIN ticket_tokens tt ON tt.workspace_gid = ut.workspace_gid AND tt.token = ut.token
                              WHERE ut.workspace_gid = $1 AND ut.user_gid = $2 AND tt.ticket_gid = t.gid)
                ORDER BY rank DESC, t.gid COLLATE "C"
                LIMIT $4
            ) hit
            ORDER BY hit.rank DESC, hit.gid COLLATE "C";
            """, workspaceGid, userGid, query, limit);
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var writer = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = indented });
        await using (var command = Command(connection, transaction, "SELECT name, is_organization, roles_json::text FROM workspaces WHERE gid = $1;", workspaceGid))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"Workspace {workspaceGid} is not in the store.");
            }

            writer.WriteStartObject();
            writer.WritePropertyName("workspace");
            MergeJson.WriteWorkspace(writer, new WorkspaceRecord(workspaceGid, reader.GetString(0), reader.GetBoolean(1)));
            writer.WritePropertyName("roles");
            writer.WriteRawValue(reader.GetString(2), skipInputValidation: true);
        }

        foreach (var (name, table) in new[] { ("users", "users"), ("teams", "teams"), ("collections", "collections"), ("tickets", "tasks") })
        {
            writer.WriteStartArray(name);
            await using (var command = Command(connection, transaction, $"SELECT model_json::text FROM {table} WHERE workspace_gid = $1 ORDER BY gid COLLATE \"C\";", workspaceGid))
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

        // Tags live in their tasks' details: one object per distinct gid (a tag has one name; min picks one if two reads
        // disagreed).
        writer.WriteStartArray("tags");
        await using (var command = Command(connection, transaction, """
            SELECT json_build_object('remote_id', gid, 'name', min(name))::text
            FROM (
                SELECT tag.value ->> 'gid' AS gid, tag.value ->> 'name' AS name
                FROM tasks, jsonb_array_elements(tasks.details_json::jsonb -> 'tags') AS tag(value)
                WHERE tasks.workspace_gid = $1 AND tasks.details_json IS NOT NULL
            ) AS tags
            GROUP BY gid ORDER BY gid COLLATE "C";
            """, workspaceGid))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                writer.WriteRawValue(reader.GetString(0), skipInputValidation: true);
            }
        }

        writer.WriteEndArray();

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The text as a <c>tsquery</c> literal, built here so no input can be read as query syntax: words split at white
    /// space and control characters; each word's runs of letters and digits (lower-cased, as the 'simple' configuration
    /// indexes them) are quoted lexemes joined as a phrase; words are ANDed; the last lexeme is a prefix. Empty when the
    /// text holds no letter or digit.
    /// </summary>
    internal static string BuildTsQuery(string text)
    {
        var words = new List<List<string>>();
        List<string>? word = null;
        var run = new StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c) && !char.IsSurrogate(c))
            {
                run.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (run.Length > 0)
            {
                word ??= [];
                word.Add(run.ToString());
                run.Clear();
            }

            if ((char.IsWhiteSpace(c) || char.IsControl(c)) && word is not null)
            {
                words.Add(word);
                word = null;
            }
        }

        var builder = new StringBuilder();
        for (var w = 0; w < words.Count; w++)
        {
            if (w > 0)
            {
                builder.Append(" & ");
            }

            builder.Append('(');
            for (var r = 0; r < words[w].Count; r++)
            {
                if (r > 0)
                {
                    builder.Append(" <-> ");
                }

                builder.Append('\'').Append(words[w][r]).Append('\'');
                if (w == words.Count - 1 && r == words[w].Count - 1)
                {
                    builder.Append(":*");
                }
            }

            builder.Append(')');
        }

        return builder.ToString();
    }

    private static async Task<IReadOnlyList<string>> VisibleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string ws, string userGid, CancellationToken cancellationToken) =>
        await ReadStringsAsync(connection, transaction, """
            SELECT DISTINCT tt.ticket_gid COLLATE "C"
            FROM user_tokens ut JOIN ticket_tokens tt ON tt.workspace_gid = ut.workspace_gid AND tt.token = ut.token
            WHERE ut.workspace_gid = $1 AND ut.user_gid = $2
            ORDER BY 1;
            """, cancellationToken, ws, userGid);

    // The engine's rule (WorkspacePermissions.ResolveUser): a gid wins; only text with an '@' is an email, matched
    // case-insensitively; an email several users share names none of them.
    private static async Task<string?> ResolveUserAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string ws, string user, CancellationToken cancellationToken)
    {
        var byEmail = user.Contains('@', StringComparison.Ordinal);
        await using var command = byEmail
            ? Command(connection, transaction, "SELECT gid, gid = $2 FROM users WHERE workspace_gid = $1 AND (gid = $2 OR upper(email) = $3) ORDER BY gid = $2 DESC, gid COLLATE \"C\";", ws, user, user.ToUpperInvariant())
            : Command(connection, transaction, "SELECT gid, true FROM users WHERE workspace_gid = $1 AND gid = $2;", ws, user);
        var candidates = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(1))
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

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }
}
