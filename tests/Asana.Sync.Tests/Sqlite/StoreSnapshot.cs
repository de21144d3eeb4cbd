using Microsoft.Data.Sqlite;

namespace Asana.Sync.Tests.Sqlite;

/// <summary>
/// Everything a SQLite store holds for one workspace, read straight from its tables: per kind of row (users, teams,
/// collections, tickets, portfolios) and gid, the row with every row hanging off it (tokens, memberships, project,
/// section, full-text entry), and apart from that each row's fingerprint. Sync tokens and timestamps are left out: they
/// differ between two syncs of the same organization.
/// </summary>
internal sealed record StoreSnapshot(
    string Workspace,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Rows,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> Fingerprints)
{
    public static readonly string[] Kinds = ["users", "teams", "collections", "tickets", "portfolios"];

    private static readonly Dictionary<string, string[]> Queries = new(StringComparer.Ordinal)
    {
        ["users"] =
        [
            "SELECT gid, name, email, email_key, is_active, is_admin, is_guest, model_json FROM users WHERE workspace_gid = $ws",
            "SELECT user_gid, token FROM user_tokens WHERE workspace_gid = $ws",
        ],
        ["teams"] =
        [
            "SELECT gid, name, model_json FROM teams WHERE workspace_gid = $ws",
            "SELECT team_gid, user_gid, is_guest, is_limited_access FROM team_memberships WHERE workspace_gid = $ws",
        ],
        ["collections"] =
        [
            "SELECT gid, kind, model_json FROM collections WHERE workspace_gid = $ws",
            "SELECT gid, name, privacy_setting, team_gid, archived FROM projects WHERE workspace_gid = $ws",
            "SELECT project_gid, member_gid, member_kind FROM project_memberships WHERE workspace_gid = $ws",
            "SELECT gid, name, project_gid FROM sections WHERE workspace_gid = $ws",
        ],
        ["tickets"] =
        [
            "SELECT gid, name, notes, assignee_gid, followers_json, memberships_json, parent_gid, modified_at, completed, num_subtasks, model_json FROM tasks WHERE workspace_gid = $ws",
            "SELECT ticket_gid, token FROM ticket_tokens WHERE workspace_gid = $ws",
            "SELECT t.gid, s.name, s.notes FROM task_search s JOIN tasks t ON t.id = s.rowid WHERE t.workspace_gid = $ws",
        ],
        ["portfolios"] =
        [
            "SELECT gid, name FROM portfolios WHERE workspace_gid = $ws",
            "SELECT portfolio_gid, member_gid, member_kind FROM portfolio_memberships WHERE workspace_gid = $ws",
            "SELECT portfolio_gid, project_gid, is_access_control_inherited FROM project_portfolio_settings WHERE workspace_gid = $ws",
        ],
    };

    private static readonly Dictionary<string, string> FingerprintTables = new(StringComparer.Ordinal)
    {
        ["users"] = "users",
        ["teams"] = "teams",
        ["collections"] = "collections",
        ["tickets"] = "tasks",
        ["portfolios"] = "portfolios",
    };

    public static async Task<StoreSnapshot> ReadAsync(string databasePath, string workspaceGid)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        // The full-text index has no workspace column: an entry left behind by a deleted task shows as an orphan.
        var workspace = string.Join("\n", [
            .. await ReadRowsAsync(connection, "SELECT gid, name, is_organization, roles_json FROM workspaces WHERE gid = $ws", workspaceGid),
            .. await ReadRowsAsync(connection, "SELECT 'orphaned search entries', COUNT(*) FROM task_search WHERE rowid NOT IN (SELECT id FROM tasks)", workspaceGid),
        ]);
        var rows = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var fingerprints = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var kind in Kinds)
        {
            var parts = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            for (var table = 0; table < Queries[kind].Length; table++)
            {
                foreach (var row in await ReadRowsAsync(connection, Queries[kind][table], workspaceGid))
                {
                    var gid = row[..row.IndexOf('|', StringComparison.Ordinal)];
                    if (!parts.TryGetValue(gid, out var list))
                    {
                        parts[gid] = list = [];
                    }

                    list.Add($"{table}:{row}");
                }
            }

            rows[kind] = parts.ToDictionary(kv => kv.Key, kv => string.Join("\n", kv.Value.Order(StringComparer.Ordinal)), StringComparer.Ordinal);
            var stamps = new Dictionary<string, string?>(StringComparer.Ordinal);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT gid, fingerprint FROM {FingerprintTables[kind]} WHERE workspace_gid = $ws";
                command.Parameters.AddWithValue("$ws", workspaceGid);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    stamps[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
                }
            }

            fingerprints[kind] = stamps;
        }

        return new StoreSnapshot(workspace, rows, fingerprints);
    }

    /// <summary>Where this snapshot and another differ, one line per row (empty when they hold the same).</summary>
    public List<string> DifferencesFrom(StoreSnapshot other, bool compareFingerprints = true)
    {
        var differences = new List<string>();
        if (Workspace != other.Workspace)
        {
            differences.Add($"workspace: {Workspace} vs {other.Workspace}");
        }

        foreach (var kind in Kinds)
        {
            differences.AddRange(Differ(kind, Rows[kind], other.Rows[kind]));
            if (compareFingerprints)
            {
                differences.AddRange(Differ(kind + " fingerprint", Fingerprints[kind], other.Fingerprints[kind]));
            }
        }

        return differences;
    }

    /// <summary>The gids of <paramref name="kind"/> whose stored row is new or different in <paramref name="after"/> (fingerprints aside).</summary>
    public static SortedSet<string> Changed(StoreSnapshot before, StoreSnapshot after, string kind) =>
        new(after.Rows[kind].Where(kv => !before.Rows[kind].TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => kv.Key), StringComparer.Ordinal);

    /// <summary>The gids of <paramref name="kind"/> stored in <paramref name="before"/> and gone from <paramref name="after"/>.</summary>
    public static SortedSet<string> Removed(StoreSnapshot before, StoreSnapshot after, string kind) =>
        new(before.Rows[kind].Keys.Where(k => !after.Rows[kind].ContainsKey(k)), StringComparer.Ordinal);

    private static IEnumerable<string> Differ<T>(string kind, IReadOnlyDictionary<string, T> mine, IReadOnlyDictionary<string, T> theirs)
    {
        foreach (var key in mine.Keys.Union(theirs.Keys).Order(StringComparer.Ordinal))
        {
            var a = mine.TryGetValue(key, out var x) ? x?.ToString() ?? "(null)" : "(missing)";
            var b = theirs.TryGetValue(key, out var y) ? y?.ToString() ?? "(null)" : "(missing)";
            if (a != b)
            {
                yield return $"{kind} {key}: {a} vs {b}";
            }
        }
    }

    private static async Task<List<string>> ReadRowsAsync(SqliteConnection connection, string sql, string workspaceGid)
    {
        var rows = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$ws", workspaceGid);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.IsDBNull(i) ? "(null)" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(string.Join('|', fields));
        }

        return rows;
    }
}
