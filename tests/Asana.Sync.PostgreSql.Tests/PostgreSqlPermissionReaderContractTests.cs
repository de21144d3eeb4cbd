using Asana.Sync.Storage;
using Asana.Sync.Tests.Storage;

namespace Asana.Sync.PostgreSql.Tests;

/// <summary>The PostgreSQL store answers the read contract, each store in a database of its own.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPermissionReaderContractTests(PostgreSqlServer server) : PermissionReaderContractTests
{
    private readonly List<string> _databases = [];

    protected override async Task<IPermissionStore> CreateStoreAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        _databases.Add(connectionString);
        return new PostgreSqlPermissionStore(connectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var database in _databases)
        {
            await server.DropDatabaseAsync(database);
        }
    }
}
