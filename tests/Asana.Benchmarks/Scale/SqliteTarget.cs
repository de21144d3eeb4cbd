using Microsoft.Data.Sqlite;

namespace Asana.Benchmarks.Scale;

/// <summary>The SQLite side of the scale benchmark: store size and probe inputs (the probes: <see cref="ReaderProbe"/>).</summary>
internal static class SqliteTarget
{
    /// <summary>The database file and its write-ahead log, in bytes.</summary>
    public static long Size(string path) =>
        new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);

    public static async Task<ProbeInputs> InputsAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var users = await ColumnAsync(connection, "SELECT gid FROM users WHERE is_active = 1 ORDER BY gid;", cancellationToken);
        var tickets = await ColumnAsync(connection, "SELECT gid FROM tasks ORDER BY gid;", cancellationToken);
        var names = await ColumnAsync(connection, "SELECT name FROM tasks ORDER BY id LIMIT 5000;", cancellationToken);
        return new ProbeInputs(users, tickets, ProbeInputs.WordsOf(names));
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
