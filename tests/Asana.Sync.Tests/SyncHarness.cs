using Asana.Client;
using Asana.Simulator;
using Asana.Sync.Sqlite;

namespace Asana.Sync.Tests;

/// <summary>
/// What most sync tests start from: an organization served by a loopback simulator, a store on a real SQLite file in a
/// temp folder and a client with the tests' retry settings. Disposing it stops and removes them all.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private SyncHarness(SimulatedOrganization org, SimulatedAsana sim, TempDatabase db)
    {
        Org = org;
        Sim = sim;
        Db = db;
        Store = db.Open();
        Client = Harness.Client(sim);
    }

    public SimulatedOrganization Org { get; }

    public SimulatedAsana Sim { get; }

    public TempDatabase Db { get; }

    public SqlitePermissionStore Store { get; }

    public AsanaClient Client { get; }

    public static async Task<SyncHarness> StartAsync(SimulatedOrganization org, SimulatorOptions? options = null) =>
        new(org, await SimulatedAsana.StartAsync(org, options), new TempDatabase());

    public async ValueTask DisposeAsync()
    {
        // The reverse of creation, as the tests' using declarations did: the file goes once nothing holds it.
        Client.Dispose();
        Store.Dispose();
        Db.Dispose();
        await Sim.DisposeAsync();
    }
}
