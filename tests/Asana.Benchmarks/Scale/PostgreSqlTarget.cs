using Npgsql;

namespace Asana.Benchmarks.Scale;

/// <summary>The PostgreSQL side of the scale benchmark: size, probe inputs, and stand-in query probes.</summary>
internal static class PostgreSqlTarget
{
    // TEMPORARY STAND-IN: the PostgreSQL store has no query API yet, so these probes run the principal-token join
    // directly. Replace them with the store's IPermissionReader (CanViewAsync / ListAccessibleAsync / SearchAsync) at merge.
    private const string TokenJoin = """
        SELECT 1 FROM user_tokens ut JOIN ticket_tokens tt ON tt.workspace_gid = ut.workspace_gid AND tt.token = ut.token
        WHERE ut.workspace_gid = $1 AND ut.user_gid = $2
        """;

    public static StoreProbe Probe(NpgsqlDataSource dataSource, string workspaceGid) => new(
        "TEMPORARY SQL stand-in (token join in the benchmark, no store API yet): check = EXISTS token join, visible = DISTINCT token join, search = tsvector @@ prefix query + EXISTS token join, 20 by ts_rank; feed not bound",
        async (user, ticket, ct) =>
        {
            await using var command = dataSource.CreateCommand($"SELECT EXISTS ({TokenJoin} AND tt.ticket_gid = $3);");
            command.Parameters.Add(new NpgsqlParameter { Value = workspaceGid });
            command.Parameters.Add(new NpgsqlParameter { Value = user });
            command.Parameters.Add(new NpgsqlParameter { Value = ticket });
            return (bool)(await command.ExecuteScalarAsync(ct))!;
        },
        async (user, ct) =>
        {
            await using var command = dataSource.CreateCommand("""
                SELECT DISTINCT tt.ticket_gid
                FROM user_tokens ut JOIN ticket_tokens tt ON tt.workspace_gid = ut.workspace_gid AND tt.token = ut.token
                WHERE ut.workspace_gid = $1 AND ut.user_gid = $2
                ORDER BY tt.ticket_gid;
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = workspaceGid });
            command.Parameters.Add(new NpgsqlParameter { Value = user });
            var count = 0;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                _ = reader.GetString(0);
                count++;
            }

            return count;
        },
        async (user, text, ct) =>
        {
            // The benchmark's words are ASCII letters only, so "word:*" is a valid tsquery without escaping.
            await using var command = dataSource.CreateCommand("""
                SELECT t.gid, t.name
                FROM tasks t, to_tsquery('simple', $3) q
                WHERE t.workspace_gid = $1 AND t.search @@ q
                  AND EXISTS (SELECT 1 FROM user_tokens ut JOIN ticket_tokens tt ON tt.workspace_gid = ut.workspace_gid AND tt.token = ut.token
                              WHERE ut.workspace_gid = $1 AND ut.user_gid = $2 AND tt.ticket_gid = t.gid)
                ORDER BY ts_rank(t.search, q) DESC, t.gid
                LIMIT 20;
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = workspaceGid });
            command.Parameters.Add(new NpgsqlParameter { Value = user });
            command.Parameters.Add(new NpgsqlParameter { Value = string.Join(" & ", text.Split(' ', StringSplitOptions.RemoveEmptyEntries)) + ":*" });
            var count = 0;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                count++;
            }

            return count;
        },
        null);

    /// <summary>pg_database_size of the store's database, in bytes.</summary>
    public static async Task<long> SizeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_database_size(current_database());");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The biggest relations (table + indexes + TOAST), for the report.</summary>
    public static async Task<IReadOnlyList<(string Table, long Bytes)>> TableSizesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.relname, pg_total_relation_size(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname = current_schema()
            ORDER BY 2 DESC LIMIT 6;
            """);
        var sizes = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sizes.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return sizes;
    }

    public static async Task<ProbeInputs> InputsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var users = await ColumnAsync(dataSource, "SELECT gid FROM users WHERE is_active ORDER BY gid;", cancellationToken);
        var tickets = await ColumnAsync(dataSource, "SELECT gid FROM tasks ORDER BY gid;", cancellationToken);
        var names = await ColumnAsync(dataSource, "SELECT name FROM tasks ORDER BY gid LIMIT 5000;", cancellationToken);
        return new ProbeInputs(users, tickets, ProbeInputs.WordsOf(names));
    }

    private static async Task<List<string>> ColumnAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
