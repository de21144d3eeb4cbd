using Asana.Simulator;
using FluentAssertions;
using Xunit;

namespace Asana.Sync.Tests;

public sealed class RefreshQueueTests
{
    private static readonly RefreshQueueOptions Fast = new() { Debounce = TimeSpan.FromMilliseconds(100), RetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task ABurstOfScopes_BecomesOneRefresh_ThatRevokesEverything()
    {
        var org = SimulatedOrganization.Generate(61, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        await using var queue = new RefreshQueue(engine, Fast);

        var project = org.GetProjectGids()[0];
        var tasks = org.GetProjectTaskGids(project).Take(3).ToList();
        foreach (var task in tasks)
        {
            org.SetFollowers(task, []);
            queue.Enqueue(org.WorkspaceGid, RefreshScope.ForTasks(task));
        }

        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        queue.Committed.Should().Be(1, "scopes queued within the debounce merge");
        await Harness.ShouldBeExactAsync(h.Store, org);
    }

    [Fact]
    public async Task AFailedRefresh_KeepsItsScope_AndSucceedsLater()
    {
        var org = SimulatedOrganization.Generate(67, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        await using var queue = new RefreshQueue(engine, Fast);
        var task = org.GetProjectTaskGids(org.GetProjectGids()[0])[0];
        org.SetFollowers(task, []);

        h.Sim.Faults.FailNext(2, FaultKind.Unauthorized);
        queue.Enqueue(org.WorkspaceGid, RefreshScope.ForTasks(task));
        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        h.Sim.Faults.Injected.Should().Be(2, "two attempts failed before one succeeded");
        queue.Committed.Should().Be(1);
        await Harness.ShouldBeExactAsync(h.Store, org);
    }

    [Fact]
    public async Task ARefreshWhileASyncHoldsTheWorkspace_WaitsForIt_ThenCommits()
    {
        var org = SimulatedOrganization.Generate(71, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        await using var queue = new RefreshQueue(engine, Fast);
        var lease = await h.Store.TryAcquireSyncLeaseAsync(org.WorkspaceGid, "another sync", TimeSpan.FromMinutes(5));
        var task = org.GetProjectTaskGids(org.GetProjectGids()[0])[0];
        org.SetFollowers(task, []);

        queue.Enqueue(org.WorkspaceGid, RefreshScope.ForTasks(task));
        await Task.Delay(400);
        queue.Committed.Should().Be(0, "the lease is held");
        await h.Store.ReleaseSyncLeaseAsync(lease);
        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        queue.Committed.Should().Be(1);
        await Harness.ShouldBeExactAsync(h.Store, org);
    }

    [Fact]
    public async Task Dispose_DropsWhatIsQueued_AndRefusesMore()
    {
        var org = SimulatedOrganization.Generate(73, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var generation = await h.Store.GetGenerationAsync(org.WorkspaceGid);
        var queue = new RefreshQueue(engine, new RefreshQueueOptions { Debounce = TimeSpan.FromMinutes(10) });
        queue.Enqueue(org.WorkspaceGid, RefreshScope.ForTasks(org.GetProjectTaskGids(org.GetProjectGids()[0])[0]));

        await queue.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        (await h.Store.GetGenerationAsync(org.WorkspaceGid)).Should().Be(generation);
        var act = () => queue.Enqueue(org.WorkspaceGid, RefreshScope.ForTasks("1"));
        act.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Options_OutOfRange_AreRefused()
    {
        using var client = Asana.Client.AsanaClient.Create(new Asana.Client.AsanaClientOptions { AccessToken = "not-used" });
        var engine = new AsanaSyncEngine(client, new Storage.InMemoryPermissionStore());

        var act = () => new RefreshQueue(engine, new RefreshQueueOptions { RetryDelay = TimeSpan.Zero });

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("options.RetryDelay");
    }
}
