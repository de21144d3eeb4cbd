using Asana.Client;
using Asana.Simulator;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Asana.Sync.Tests;

public sealed class SyncServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddAsanaSync_RegistersEngineAndSqliteStore()
    {
        var org = SimulatedOrganization.Generate(2, OrganizationShape.Small);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var client = Harness.Client(sim);
        var services = new ServiceCollection();
        services.AddSingleton<IAsanaClient>(client);
        services.AddAsanaSync(db.Path, o => o.MaxParallelism = 4);
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<AsanaSyncEngine>();
        provider.GetRequiredService<AsanaSyncOptions>().MaxParallelism.Should().Be(4);
        provider.GetRequiredService<IPermissionStore>().Should().BeSameAs(provider.GetRequiredService<SqlitePermissionStore>());
        var result = await engine.SyncAsync(org.WorkspaceGid);

        result.Tickets.Should().BeGreaterThan(0);
    }
}
