using Asana.Client;
using Asana.Permissions.Console.Commands;
using Asana.Simulator;
using Asana.Sync;
using Asana.Sync.Sqlite;
using Xunit.Abstractions;

namespace Asana.Permissions.Console.Tests;

/// <summary>The demo's organization and changes synced with and without premium search: what search costs and closes.</summary>
public sealed class DemoSearchTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DemoOrganization_ComparesEverything_WithSearch_AndOnlyTheBlindSpotIsLeftOut_Without(bool premium)
    {
        using var temp = new TempFolder();
        var organization = SimulatedOrganization.Generate(7, OrganizationShape.Demo);
        await using var simulator = await SimulatedAsana.StartAsync(organization, new SimulatorOptions { PremiumSearch = premium });
        using var client = AsanaClient.Create(new AsanaClientOptions
        {
            BaseAddress = simulator.BaseAddress,
            AccessToken = simulator.AccessToken,
            RequestsPerMinute = 1_000_000,
            SearchRequestsPerMinute = 1_000_000,
        });
        using var store = new SqlitePermissionStore(temp.Database);
        var engine = new AsanaSyncEngine(client, store);

        var full = await engine.SyncAsync(organization.WorkspaceGid, SyncMode.Full);
        Changes.Apply(organization, organization.ToWorkspaceData());
        var incremental = await engine.SyncAsync(organization.WorkspaceGid);
        output.WriteLine($"premium={premium} full={full.Calls.Total} [{Kinds(full)}] floor={full.Floor}; incremental={incremental.Calls.Total} [{Kinds(incremental)}]");

        full.TaskSearchAvailable.Should().Be(premium);
        incremental.TaskSearchAvailable.Should().Be(premium);
        var truth = organization.ToWorkspaceData();
        var excluded = incremental.TaskSearchAvailable == true ? [] : GroundTruth.Undiscoverable(truth);
        (excluded.Count > 0).Should().Be(!premium);
        var comparison = GroundTruth.Compare(organization.ExpectedVisibility(), await store.ListAccessibleForAllUsersAsync(organization.WorkspaceGid), excluded);
        comparison.OverGrants.Should().BeEmpty();
        comparison.UnderGrants.Should().BeEmpty();
    }

    private static string Kinds(SyncResult result) =>
        string.Join(", ", result.Calls.ByKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key}={k.Value}"));
}
