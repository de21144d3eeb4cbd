using Asana.Simulator;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Asana.Sync.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace Asana.Sync.Tests.Sqlite;

public sealed class SqliteChangeFeedMigrationTests
{
    [Fact]
    public async Task AVersion6Store_GetsItsRowsBackfilledIntoTheFeed_AndFromThenOnReportsOnlyChanges()
    {
        var org = SimulatedOrganization.Generate(32, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        await new AsanaSyncEngine(h.Client, h.Store).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        using var old = new TempDatabase();
        await SqliteFingerprintMigrationTests.CreateVersionCopyAsync(h.Db.Path, old.Path, 6);
        (await TableExistsAsync(old.Path, "change_log")).Should().BeFalse();

        using var upgraded = new SqlitePermissionStore(old.Path);
        (await upgraded.InitializeAsync()).Should().Be(SqlitePermissionStore.CurrentSchemaVersion - 6, "migration 7 and those after it are new");
        (await upgraded.GetSchemaVersionAsync()).Should().Be(SqlitePermissionStore.CurrentSchemaVersion);

        // A host starting from no cursor gets everything the store held before the upgrade.
        var host = new HostIndex();
        var backfilled = await host.CatchUpAsync(upgraded, org.WorkspaceGid, 50);
        backfilled.Should().OnlyContain(c => !c.Deleted);
        var stored = (await upgraded.LoadAsync(org.WorkspaceGid))!.Data;
        backfilled.Where(c => c.Kind == ChangeKind.Ticket).Select(c => c.Gid).Should().BeEquivalentTo(stored.Tasks.Select(t => t.Gid));

        // Migration 8 brought ticket content the old rows lack, and forgot the last full sync: the next automatic sync is
        // full, reads the content and the feed carries what it rewrote.
        var engine = new AsanaSyncEngine(h.Client, upgraded);
        (await engine.SyncAsync(org.WorkspaceGid)).Mode.Should().Be(SyncMode.Full);
        await host.CatchUpAsync(upgraded, org.WorkspaceGid, 50);
        ChangeFeedContractTests.ShouldEqual(host, await ChangeFeedContractTests.ContentAsync(upgraded, org.WorkspaceGid));

        // The fingerprints are kept from then on: the next sync reports only what changed.
        var renamed = org.GetProjectTaskGids(org.GetProjectGids()[0])[0];
        org.UpdateTask(renamed, name: "Renamed after the upgrade");
        (await engine.SyncAsync(org.WorkspaceGid, SyncMode.Incremental)).Mode.Should().Be(SyncMode.Incremental);
        var changes = await host.CatchUpAsync(upgraded, org.WorkspaceGid, 50);
        changes.Select(c => c.Gid).Should().Equal(renamed);
        ChangeFeedContractTests.ShouldEqual(host, await ChangeFeedContractTests.ContentAsync(upgraded, org.WorkspaceGid));
    }

    private static async Task<bool> TableExistsAsync(string path, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
