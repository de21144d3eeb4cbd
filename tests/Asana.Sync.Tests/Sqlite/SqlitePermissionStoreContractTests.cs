using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Asana.Sync.Tests.Storage;

namespace Asana.Sync.Tests.Sqlite;

/// <summary>The embedded store passes the store contract, each store on its own file; and its messages, word for word.</summary>
public sealed class SqlitePermissionStoreContractTests : PermissionStoreContractTests
{
    private readonly List<TempDatabase> _databases = [];

    protected override Task<IPermissionStore> CreateStoreAsync(TimeProvider timeProvider)
    {
        var db = new TempDatabase();
        _databases.Add(db);
        return Task.FromResult<IPermissionStore>(new SqlitePermissionStore(db.Path, timeProvider));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _databases.ForEach(db => db.Dispose());
    }

    [Fact]
    public async Task ALeaseHeld_NamesItsHolderAndItsTimes()
    {
        using var db = new TempDatabase();
        using var store = new SqlitePermissionStore(db.Path, Clock);
        await store.TryAcquireSyncLeaseAsync("ws", "host-a process 1", TimeSpan.FromMinutes(2));

        var held = await Record.ExceptionAsync(() => store.TryAcquireSyncLeaseAsync("ws", "host-b process 2", TimeSpan.FromMinutes(2)));

        held!.Message.Should().Be("Workspace ws is being synced by host-a process 1 since 2026-11-29 12:00:00Z (lease until 2026-11-29 12:02:00Z).");
    }

    [Fact]
    public async Task AConflict_NamesBothGenerations()
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        await SqlitePermissionStoreTests.WriteAsync(store, SqlitePermissionStoreTests.Sample());
        await SqlitePermissionStoreTests.WriteAsync(store, SqlitePermissionStoreTests.Sample());

        var error = await Record.ExceptionAsync(async () =>
        {
            await using var writer = await store.BeginSyncAsync("100", 1);
        });

        error!.Message.Should().Be("Workspace 100 was committed by another sync while this one ran (generation 2, this sync started from 1); this sync committed nothing.");
    }
}
