using Asana.Simulator;
using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Concurrency;

public sealed class OneWriterPerWorkspaceTests
{
    private static SimulatedOrganization Org(int seed) => SimulatedOrganization.Generate(seed, OrganizationShape.Small);

    private static int Viewers(SimulatedOrganization org, string taskGid) => org.ExpectedVisibility().Count(kv => kv.Value.Contains(taskGid));

    [Fact]
    public async Task OverlappingSync_IsRefused_WhileAnotherHoldsTheWorkspace_AndNoStaleGrantRemains()
    {
        await using var harness = await SyncHarness.StartAsync(Org(41));
        var (org, store, client) = (harness.Org, harness.Store, harness.Client);
        await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var task = org.AddTask(org.GetProjectGids()[0], "Overlap");
        Viewers(org, task).Should().BeGreaterThan(0, "the task must be visible to someone for a stale grant to matter");

        // B starts from the stored state and stops there; A runs meanwhile.
        var gated = new GatedStore(store);
        var b = new AsanaSyncEngine(client, gated).SyncAsync(org.WorkspaceGid, SyncMode.Incremental);
        await gated.Reached;
        var a = await Record.ExceptionAsync(() => new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Incremental));

        a.Should().BeOfType<AsanaSyncException>().Which.Message.Should().Contain($"Workspace {org.WorkspaceGid} is being synced by").And.Contain("nothing was changed");
        a!.InnerException.Should().BeOfType<PermissionStoreException>().Which.Error.Should().Be(PermissionStoreError.LeaseHeld);
        org.DeleteTask(task);
        gated.Open();
        await b;

        (await store.ListAccessibleForAllUsersAsync(org.WorkspaceGid)).Values.Should().NotContain(v => v.Contains(task));
        await Harness.ShouldBeExactAsync(store, org);
    }

    [Fact]
    public async Task OverlappingSyncs_WithoutLeases_TheLaterCommitLoses_AndStartsAgainFromTheNewState()
    {
        // The review's reproduction: A commits T, T is deleted in Asana, and B, which started before A, saw "added" then
        // "deleted" and wrote nothing for T. Without the generation check B's commit kept A's T, and B's event tokens lay
        // past the deletion: T stayed visible until the next full sync.
        await using var harness = await SyncHarness.StartAsync(Org(43));
        var (org, store, client) = (harness.Org, harness.Store, harness.Client);
        await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var task = org.AddTask(org.GetProjectGids()[0], "Overlap");
        Viewers(org, task).Should().BeGreaterThan(0);

        var gated = new GatedStore(store) { IgnoreLeases = true };
        var b = new AsanaSyncEngine(client, gated, new AsanaSyncOptions { FullSyncInterval = null }).SyncAsync(org.WorkspaceGid, SyncMode.Incremental);
        await gated.Reached;
        await new AsanaSyncEngine(client, new GatedStore(store) { IgnoreLeases = true, Gated = false }).SyncAsync(org.WorkspaceGid, SyncMode.Incremental);
        (await store.ListAccessibleForAllUsersAsync(org.WorkspaceGid)).Values.Should().Contain(v => v.Contains(task), "A committed the task");
        var generationAfterA = await store.GetGenerationAsync(org.WorkspaceGid);
        org.DeleteTask(task);
        gated.Open();
        var result = await b;

        result.Mode.Should().Be(SyncMode.Incremental);
        (await store.GetGenerationAsync(org.WorkspaceGid)).Should().Be(generationAfterA + 1, "B committed once, after starting again from A's state");
        (await store.ListAccessibleForAllUsersAsync(org.WorkspaceGid)).Values.Should().NotContain(v => v.Contains(task));
        await Harness.ShouldBeExactAsync(store, org);
    }

    [Fact]
    public async Task ASecondSync_WaitsForTheLease_WhenAllowedTo_ThenRunsFromTheFirstOnesState()
    {
        await using var harness = await SyncHarness.StartAsync(Org(45));
        var (org, store, client) = (harness.Org, harness.Store, harness.Client);
        await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var task = org.AddTask(org.GetProjectGids()[0], "Waited for");

        var gated = new GatedStore(store);
        var first = new AsanaSyncEngine(client, gated).SyncAsync(org.WorkspaceGid, SyncMode.Incremental);
        await gated.Reached;
        var second = new AsanaSyncEngine(client, store, new AsanaSyncOptions { SyncLeaseWait = TimeSpan.FromMinutes(1) }).SyncAsync(org.WorkspaceGid, SyncMode.Incremental);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        second.IsCompleted.Should().BeFalse("the second sync waits while the first holds the workspace");
        org.DeleteTask(task);
        gated.Open();
        await first;
        var result = await second;

        result.Mode.Should().Be(SyncMode.Incremental);
        await Harness.ShouldBeExactAsync(store, org);
    }

    [Theory]
    [InlineData(SyncMode.Incremental)]
    [InlineData(SyncMode.Full)]
    public async Task PurgeDuringASync_Sticks_TheSyncCommitsNothing(SyncMode mode)
    {
        await using var harness = await SyncHarness.StartAsync(Org(47));
        var (org, store, client) = (harness.Org, harness.Store, harness.Client);
        await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);

        var gated = new GatedStore(store);
        var sync = new AsanaSyncEngine(client, gated).SyncAsync(org.WorkspaceGid, mode);
        await gated.Reached;
        (await store.PurgeAsync(org.WorkspaceGid)).Should().BeTrue();
        gated.Open();
        var error = await Record.ExceptionAsync(() => sync);

        error.Should().BeOfType<AsanaSyncException>().Which.Message.Should().Contain("was purged while this sync ran");
        error!.InnerException.Should().BeOfType<PermissionStoreException>().Which.Error.Should().Be(PermissionStoreError.Purged);
        (await store.ListWorkspacesAsync()).Should().BeEmpty("a purge during a sync stands");
        (await store.LoadAsync(org.WorkspaceGid)).Should().BeNull();

        // Synced again after the purge, the workspace comes back.
        await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid);
        (await store.ListWorkspacesAsync()).Should().ContainSingle();
        await Harness.ShouldBeExactAsync(store, org);
    }

    [Fact]
    public async Task ALongLivedStore_NeverServesAnEngineFromBeforeAPurge()
    {
        await using var harness = await SyncHarness.StartAsync(Org(49));
        var (org, store, client) = (harness.Org, harness.Store, harness.Client);
        // The host's long-lived instance answers; syncs and the purge run elsewhere (another instance, another process).
        using var host = harness.Db.Open();
        await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var (user, ticket) = org.ExpectedVisibility().Where(kv => kv.Value.Count > 0).Select(kv => (kv.Key, kv.Value.Order(StringComparer.Ordinal).First())).First();
        (await host.ExplainAsync(org.WorkspaceGid, user, ticket)).Allowed.Should().BeTrue();

        await store.PurgeAsync(org.WorkspaceGid);
        org.DeactivateUser(user);
        await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);

        (await host.ExplainAsync(org.WorkspaceGid, user, ticket)).Allowed.Should().BeFalse("the user was deactivated; an engine cached before the purge must not answer");
    }
}
