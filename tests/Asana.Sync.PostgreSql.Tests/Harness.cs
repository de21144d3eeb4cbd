using Asana.Client;
using Asana.Permissions.Sources;
using Asana.Simulator;

namespace Asana.Sync.Tests;

/// <summary>What the shared store contract tests need of Asana.Sync.Tests' harness: a client of the simulator.</summary>
internal static class Harness
{
    public static AsanaClient Client(SimulatedAsana sim) => AsanaClient.Create(new AsanaClientOptions
    {
        BaseAddress = sim.BaseAddress,
        AccessToken = sim.AccessToken,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        MaxRetryAfter = TimeSpan.FromSeconds(2),
        MaxRetryAttempts = 6,
    });

    /// <summary>Tasks no normal token can discover without premium search (see Asana.Sync.Tests).</summary>
    public static HashSet<string> Undiscoverable(WorkspaceData data) => [.. SimulatedOrganization.UndiscoverableWithoutSearch(data)];
}
