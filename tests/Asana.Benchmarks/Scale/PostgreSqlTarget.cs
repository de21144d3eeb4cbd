using Npgsql;

namespace Asana.Benchmarks.Scale;

/// <summary>The PostgreSQL side of the scale benchmark: store size and probe inputs (the probes: <see cref="ReaderProbe"/>).</summary>
internal static class PostgreSqlTarget
{
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
