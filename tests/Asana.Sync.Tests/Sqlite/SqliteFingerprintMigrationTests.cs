using System.Globalization;
using Asana.Simulator;
using Asana.Sync.Sqlite;
using Asana.Sync.Tests.Internal;
using Microsoft.Data.Sqlite;

namespace Asana.Sync.Tests.Sqlite;

public sealed class SqliteFingerprintMigrationTests
{
    private static readonly string[] FingerprintedTables = ["users", "teams", "collections", "tasks", "portfolios"];

    [Fact]
    public async Task AVersion5Store_GetsTheColumn_AndItsNextIncrementalSyncRewritesEveryRow_EndingLikeAFreshFullSync()
    {
        var org = SimulatedOrganization.Generate(31, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        await new AsanaSyncEngine(h.Client, h.Store).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        using var old = new TempDatabase();
        await CreateVersionCopyAsync(h.Db.Path, old.Path, 5);
        (await ColumnsAsync(old.Path, "tasks")).Should().NotContain("fingerprint");

        var projects = org.GetProjectGids();
        org.UpdateTask(org.GetProjectTaskGids(projects[0])[0], name: "Renamed after the upgrade");
        org.DeleteTask(org.GetProjectTaskGids(projects[1])[0]);

        using var upgraded = new SqlitePermissionStore(old.Path);
        (await upgraded.InitializeAsync()).Should().Be(SqlitePermissionStore.CurrentSchemaVersion - 5, "migration 6 and those after it are new");
        (await upgraded.GetSchemaVersionAsync()).Should().Be(SqlitePermissionStore.CurrentSchemaVersion);
        foreach (var table in FingerprintedTables)
        {
            (await ColumnsAsync(old.Path, table)).Should().Contain("fingerprint", $"{table} gets the column");
        }

        var loaded = (await upgraded.LoadAsync(org.WorkspaceGid))!;
        loaded.Data.Tasks.Should().NotBeEmpty();
        loaded.Fingerprints.Tickets.Should().BeEmpty("rows written before the migration have none");

        var store = new WriteRecordingStore(upgraded);
        var engine = new AsanaSyncEngine(h.Client, store);
        var incremental = await engine.SyncAsync(org.WorkspaceGid, SyncMode.Incremental);

        incremental.Mode.Should().Be(SyncMode.Incremental);
        incremental.TicketsWritten.Should().Be(incremental.Tickets, "a row without a fingerprint counts as changed");
        var after = await StoreSnapshot.ReadAsync(old.Path, org.WorkspaceGid);
        foreach (var kind in StoreSnapshot.Kinds)
        {
            store.LastWriter!.Upserted[kind].Should().Equal(after.Rows[kind].Keys.Order(StringComparer.Ordinal), $"every {kind} row is rewritten");
            after.Fingerprints[kind].Values.Should().OnlyContain(f => f != null);
        }

        // Content (dates, creator, link, tags) came with migration 8, so the rows of unchanged tasks still lack it: the
        // migration forgot the last full sync, and the next automatic sync is a full one that reads it all.
        loaded = (await upgraded.LoadAsync(org.WorkspaceGid))!;
        loaded.State.LastFullSyncAt.Should().BeNull();
        var next = await engine.SyncAsync(org.WorkspaceGid);
        next.Mode.Should().Be(SyncMode.Full);
        await SyncCommitterTests.ShouldEqualAFreshFullSyncAsync(h, upgraded);

        var idle = await engine.SyncAsync(org.WorkspaceGid, SyncMode.Incremental);
        idle.TicketsWritten.Should().Be(0, "from now on only changes are written");
    }

    /// <summary>
    /// A store file as an older version of this library left it: the schema of migrations 1 to <paramref name="version"/>,
    /// holding the rows of <paramref name="source"/> (a current store) in the columns and tables that schema has.
    /// </summary>
    internal static async Task CreateVersionCopyAsync(string source, string destination, int version)
    {
        await using var connection = new SqliteConnection($"Data Source={destination};Pooling=False");
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
        foreach (var migration in SqliteSchema.Migrations.Where(m => m.Version <= version))
        {
            await ExecuteAsync(connection, migration.Sql);
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({migration.Version}, '{migration.Name}', '2025-01-01T00:00:00Z');"));
        }

        await ExecuteAsync(connection, $"ATTACH DATABASE '{source.Replace("'", "''", StringComparison.Ordinal)}' AS source;");
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'task_search_%' AND name <> 'schema_migrations';";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.Should().Contain(["tasks", "task_search", "workspaces", "workspace_generations"]);
        foreach (var table in tables)
        {
            var columns = string.Join(", ", (table == "task_search" ? ["rowid"] : new List<string>()).Concat(await ColumnsAsync(connection, table)));
            await ExecuteAsync(connection, $"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM source.{table};");
        }

        await ExecuteAsync(connection, "DETACH DATABASE source;");
    }

    private static async Task<List<string>> ColumnsAsync(string path, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        return await ColumnsAsync(connection, table);
    }

    private static async Task<List<string>> ColumnsAsync(SqliteConnection connection, string table)
    {
        var columns = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}', 'main');";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
