using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Asana.Sync.Tests.Storage;

namespace Asana.Sync.Tests.Sqlite;

/// <summary>The embedded store answers the read contract, each store on its own file.</summary>
public sealed class SqlitePermissionReaderContractTests : PermissionReaderContractTests
{
    private readonly List<TempDatabase> _databases = [];

    protected override Task<IPermissionStore> CreateStoreAsync()
    {
        var db = new TempDatabase();
        _databases.Add(db);
        return Task.FromResult<IPermissionStore>(new SqlitePermissionStore(db.Path));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _databases.ForEach(db => db.Dispose());
    }
}
