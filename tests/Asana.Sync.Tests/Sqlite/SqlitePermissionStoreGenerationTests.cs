using Asana.Permissions.Sources;
using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Sqlite;

public sealed class SqlitePermissionStoreGenerationTests
{
    private static WorkspaceData Minimal(string ws) => new(
        new WorkspaceRecord(ws, "Acme", true),
        [new UserRecord("u1", "Ann", "ann@acme.example")],
        [new WorkspaceMembershipRecord("u1", true, false, false)],
        [],
        [],
        [],
        [],
        [],
        [new TaskRecord("k1", "Errand", "u1", [], [], null)]);

    [Fact]
    public async Task Generations_GrowAtEveryCommitAndPurge_AndNeverRepeat()
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        var seen = new List<long> { await store.GetGenerationAsync("100") };
        for (var round = 0; round < 3; round++)
        {
            await SqlitePermissionStoreTests.WriteAsync(store, Minimal("100"));
            seen.Add(await store.GetGenerationAsync("100"));
            await store.PurgeAsync("100");
            seen.Add(await store.GetGenerationAsync("100"));
        }

        seen.Should().Equal(0, 1, 2, 3, 4, 5, 6);
        (await store.GetGenerationAsync("200")).Should().Be(0, "generations are per workspace");
    }

    [Fact]
    public async Task ACommit_FromAStaleGeneration_IsRefused_AndWritesNothing()
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        await SqlitePermissionStoreTests.WriteAsync(store, Minimal("100"));
        var loaded = (await store.LoadAsync("100"))!;
        loaded.Generation.Should().Be(1);
        await SqlitePermissionStoreTests.WriteAsync(store, Minimal("100") with { Tasks = [new TaskRecord("k2", "Other", "u1", [], [], null)] });

        var error = await Record.ExceptionAsync(async () =>
        {
            await using var writer = await store.BeginSyncAsync("100", loaded.Generation);
        });

        error.Should().BeOfType<PermissionStoreException>().Which.Error.Should().Be(PermissionStoreError.Conflict);
        error!.Message.Should().Be("Workspace 100 was committed by another sync while this one ran (generation 2, this sync started from 1); this sync committed nothing.");
        (await store.LoadAsync("100"))!.Data.Tasks.Select(t => t.Gid).Should().Equal("k2");
    }

    [Fact]
    public async Task AWriterOpenedBeforeAPurge_CannotCommit_AndThePurgeStands()
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        await SqlitePermissionStoreTests.WriteAsync(store, Minimal("100"));
        var generation = await store.GetGenerationAsync("100");
        await store.PurgeAsync("100");

        var error = await Record.ExceptionAsync(async () =>
        {
            await using var writer = await store.BeginSyncAsync("100", generation);
        });

        error.Should().BeOfType<PermissionStoreException>().Which.Error.Should().Be(PermissionStoreError.Purged);
        (await store.ListWorkspacesAsync()).Should().BeEmpty();

        // A sync that starts after the purge adds the workspace back.
        await SqlitePermissionStoreTests.WriteAsync(store, Minimal("100"));
        (await store.ListWorkspacesAsync()).Should().ContainSingle();
    }
}
