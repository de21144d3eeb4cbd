using Asana.Simulator;
using Asana.Sync.Internal;
using Xunit.Abstractions;

namespace Asana.Sync.Tests;

/// <summary>Premium workspace task search closes the follower-only project-less blind spot; without it nothing changes.</summary>
public sealed class SearchSyncTests(ITestOutputHelper output)
{
    private static readonly SimulatorOptions Premium = new() { PremiumSearch = true };

    private static string Describe(SyncResult r) =>
        $"{r.Mode}: {r.Calls.Total} calls [{string.Join(", ", r.Calls.ByKind.Select(kv => $"{kv.Key}={kv.Value}"))}] floor={r.Floor} tickets={r.Tickets} written={r.TicketsWritten} deleted={r.TicketsDeleted} search={r.TaskSearchAvailable}";

    /// <summary>A small organization plus the cases search exists for: followed only, assigned to a deactivated user, with subtasks.</summary>
    private static (SimulatedOrganization Org, List<string> Active, string FollowedOnly, string InactiveAssignee, string Subtask) Org(int seed)
    {
        var org = SimulatedOrganization.Generate(seed, OrganizationShape.Small);
        var data = org.ToWorkspaceData();
        var active = data.WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var inactive = data.WorkspaceMemberships.First(m => !m.IsActive).UserGid;
        var followedOnly = org.AddProjectlessTask("Followed only", assigneeGid: null, followerGids: [active[1], active[2]]);
        var subtask = org.AddSubtask(followedOnly, "Below a followed-only task", followerGids: [active[3]]);
        var inactiveAssignee = org.AddProjectlessTask("Assignee left", inactive, followerGids: [active[4]]);
        return (org, active, followedOnly, inactiveAssignee, subtask);
    }

    [Fact]
    public async Task FullSync_WithPremiumSearch_EqualsOracle_WithNoExclusions()
    {
        var (org, _, followedOnly, inactiveAssignee, subtask) = Org(7);
        Harness.Undiscoverable(org.ToWorkspaceData()).Should().Contain([followedOnly, inactiveAssignee, subtask], "these are the blind spot without search");
        await using var sim = await SimulatedAsana.StartAsync(org, Premium);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);

        var result = await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        output.WriteLine(Describe(result));

        var cmp = await Harness.CompareAsync(store, org, tolerated: null);
        cmp.OverGrants.Should().BeEmpty();
        cmp.UnderGrants.Should().BeEmpty("search finds every project-less task");
        result.Tickets.Should().Be(org.ToWorkspaceData().Tasks.Count);
        result.TaskSearchAvailable.Should().BeTrue();
        result.Calls.ByKind[ApiCallKinds.Search].Should().Be((int)sim.Requests.Count(RequestKind.Search)).And.BeGreaterThan(0);
        result.Calls.Total.Should().Be((int)sim.Requests.Total);
        result.Calls.Total.Should().BeLessThanOrEqualTo((int)Math.Ceiling(result.Floor!.WithContractTerms * 1.05));
        result.Warnings.Should().BeEmpty();
        (await store.LoadAsync(org.WorkspaceGid))!.State.TaskSearchAvailable.Should().BeTrue();
    }

    [Fact]
    public async Task IncrementalSync_WithPremiumSearch_PicksUpNewAndChangedFollowerOnlyTasks_WithOneSearchCallPerSubtype()
    {
        var (org, active, followedOnly, inactiveAssignee, _) = Org(13);
        await using var sim = await SimulatedAsana.StartAsync(org, Premium);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var engine = new AsanaSyncEngine(client, store);
        var full = await engine.SyncAsync(org.WorkspaceGid);
        output.WriteLine(Describe(full));
        (await store.ListAccessibleAsync(org.WorkspaceGid, active[1])).Should().Contain(followedOnly);

        var errand = org.AddProjectlessTask("New followed-only errand", assigneeGid: null, followerGids: [active[5]]);
        var errandChild = org.AddSubtask(errand, "Its step", assigneeGid: null);
        org.SetFollowers(followedOnly, [active[6]]);
        org.AddFollower(inactiveAssignee, active[7]);
        var incremental = await engine.SyncAsync(org.WorkspaceGid);
        output.WriteLine(Describe(incremental));

        incremental.Mode.Should().Be(SyncMode.Incremental);
        incremental.Calls.ByKind[ApiCallKinds.Search].Should().Be(4, "one page of recently modified tasks per subtype (default_task, milestone, approval, custom)");
        (await store.ListAccessibleAsync(org.WorkspaceGid, active[5])).Should().Contain([errand, errandChild]);
        (await store.ListAccessibleAsync(org.WorkspaceGid, active[6])).Should().Contain(followedOnly);
        (await store.ListAccessibleAsync(org.WorkspaceGid, active[1])).Should().NotContain(followedOnly, "the removed follower loses access at once");
        (await store.ListAccessibleAsync(org.WorkspaceGid, active[7])).Should().Contain(inactiveAssignee);
        var cmp = await Harness.CompareAsync(store, org, tolerated: null);
        cmp.OverGrants.Should().BeEmpty();
        cmp.UnderGrants.Should().BeEmpty();

        // Deleted: search does not return it (it never deletes), the re-read of stored project-less tasks finds the 404.
        org.DeleteTask(errand);
        var after = await engine.SyncAsync(org.WorkspaceGid);
        output.WriteLine(Describe(after));
        (await store.ListAccessibleAsync(org.WorkspaceGid, active[5])).Should().NotContain([errand, errandChild]);
        (await Harness.CompareAsync(store, org, tolerated: null)).UnderGrants.Should().BeEmpty();

        // Nothing lost, nothing duplicated: a fresh full sync gives the same export.
        using var db2 = new TempDatabase();
        using var store2 = db2.Open();
        await new AsanaSyncEngine(client, store2).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        (await AsanaSyncEngineTests.ExportAsync(store)).Should().Be(await AsanaSyncEngineTests.ExportAsync(store2));
    }

    [Fact]
    public async Task WithoutPremium_FullSyncProbesOnce_IncrementalDoesNotAsk_AndTheNextFullSyncProbesAgain()
    {
        var (org, active, followedOnly, _, _) = Org(5);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var engine = new AsanaSyncEngine(client, store);

        var full = await engine.SyncAsync(org.WorkspaceGid);
        output.WriteLine(Describe(full));
        full.Calls.ByKind[ApiCallKinds.Search].Should().Be(1, "one probe answered 402");
        full.Calls.Failed.Should().Be(0, "402 is an answer");
        full.TaskSearchAvailable.Should().BeFalse();
        full.Warnings.Should().ContainSingle().Which.Code.Should().Be("task_search_unavailable", "the 402 means follower-only project-less tasks are missing");
        (await store.LoadAsync(org.WorkspaceGid))!.State.TaskSearchAvailable.Should().BeFalse();
        (await store.ListAccessibleAsync(org.WorkspaceGid, active[1])).Should().NotContain(followedOnly, "the documented blind spot without search");
        await Harness.ShouldBeExactAsync(store, org);

        org.AddProjectlessTask("Another followed-only errand", assigneeGid: null, followerGids: [active[5]]);
        var incremental = await engine.SyncAsync(org.WorkspaceGid);
        incremental.Calls.ByKind.Should().NotContainKey(ApiCallKinds.Search, "a remembered 402 is not asked again incrementally");
        incremental.TaskSearchAvailable.Should().BeFalse();
        incremental.Warnings.Should().ContainSingle().Which.Code.Should().Be("task_search_unavailable", "not asking again does not make search available");

        var again = await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        again.Calls.ByKind[ApiCallKinds.Search].Should().Be(1, "a full sync asks again");
    }

    [Fact]
    public async Task UseWorkspaceSearchOff_NeverAsks()
    {
        var (org, _, _, _, _) = Org(3);
        await using var sim = await SimulatedAsana.StartAsync(org, Premium);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);

        var result = await new AsanaSyncEngine(client, store, new AsanaSyncOptions { UseWorkspaceSearch = false }).SyncAsync(org.WorkspaceGid);

        result.Calls.ByKind.Should().NotContainKey(ApiCallKinds.Search);
        result.TaskSearchAvailable.Should().BeNull();
        sim.Requests.Count(RequestKind.Search).Should().Be(0);
        var warning = result.Warnings.Should().ContainSingle().Subject;
        warning.Code.Should().Be("task_search_unavailable");
        warning.ResourceGid.Should().Be(org.WorkspaceGid);
        warning.Message.Should().Contain("UseWorkspaceSearch").And.Contain("cannot be found");
    }

    [Fact]
    public async Task WithoutPremium_TheWarning_SaysWhatIsMissing_AndIsLogged()
    {
        var (org, _, _, _, _) = Org(9);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogger<AsanaSyncEngine>();

        var result = await new AsanaSyncEngine(client, store, logger: logs).SyncAsync(org.WorkspaceGid, SyncMode.Full);

        var warning = result.Warnings.Should().ContainSingle().Subject;
        warning.Should().Be(warning with { Code = "task_search_unavailable", ResourceGid = org.WorkspaceGid });
        warning.Message.Should().Contain("402").And.Contain("project-less tasks with no active assignee");
        logs.Collector.GetSnapshot().Should().Contain(r => r.Message.Contains("task_search_unavailable", StringComparison.Ordinal));
        result.ToString().Should().Contain("Warnings = [SyncWarning { Code = task_search_unavailable").And.NotContain(sim.AccessToken);
    }

    [Fact]
    public async Task WithPremium_IncrementalSync_HasNoSearchWarning()
    {
        var (org, _, _, _, _) = Org(15);
        await using var sim = await SimulatedAsana.StartAsync(org, Premium);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var engine = new AsanaSyncEngine(client, store);
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);

        var incremental = await engine.SyncAsync(org.WorkspaceGid);

        incremental.Mode.Should().Be(SyncMode.Incremental);
        incremental.Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task ProjectlessTasksOff_SearchIsNotMissed_NoWarning()
    {
        var (org, _, _, _, _) = Org(17);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);

        var result = await new AsanaSyncEngine(client, store, new AsanaSyncOptions { IncludeProjectlessTasks = false }).SyncAsync(org.WorkspaceGid);

        result.Calls.ByKind.Should().NotContainKey(ApiCallKinds.Search);
        result.Warnings.Should().BeEmpty("project-less tasks are left out on purpose");
    }

    [Fact]
    public async Task DemoOrganization_FullSyncWithSearch_HasNoBlindSpot()
    {
        var org = SimulatedOrganization.Generate(11, OrganizationShape.Demo);
        await using var sim = await SimulatedAsana.StartAsync(org, Premium);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim, searchRequestsPerMinute: 100_000);

        var result = await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        output.WriteLine(Describe(result));

        Harness.Undiscoverable(org.ToWorkspaceData()).Should().NotBeEmpty();
        var cmp = await Harness.CompareAsync(store, org, tolerated: null);
        cmp.OverGrants.Should().BeEmpty();
        cmp.UnderGrants.Should().BeEmpty();
        result.Calls.Total.Should().BeLessThanOrEqualTo((int)Math.Ceiling(result.Floor!.WithContractTerms * 1.05));
    }
}

/// <summary>Paging search by created_at when tasks share creation instants.</summary>
public sealed class SearchPagerTests
{
    private static readonly DateTimeOffset T0 = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static Asana.Client.Models.AsanaTask Task(int gid, int ms) =>
        new(gid.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, null, [], [], null, 0, null, CreatedAt: T0.AddMilliseconds(ms));

    /// <summary>A server over <paramref name="tasks"/>: created_at.after strict, sorted by created_at then gid, at most <paramref name="limit"/>.</summary>
    private static Func<DateTimeOffset?, Task<IReadOnlyList<Asana.Client.Models.AsanaTask>?>> Server(List<Asana.Client.Models.AsanaTask> tasks, int limit, List<DateTimeOffset?> cursors) =>
        cursor =>
        {
            cursors.Add(cursor);
            IReadOnlyList<Asana.Client.Models.AsanaTask> page = tasks.Where(t => cursor is null || t.CreatedAt > cursor)
                .OrderBy(t => t.CreatedAt).ThenBy(t => t.Gid, StringComparer.Ordinal).Take(limit).ToList();
            return System.Threading.Tasks.Task.FromResult<IReadOnlyList<Asana.Client.Models.AsanaTask>?>(page);
        };

    [Fact]
    public async Task Ties_StraddlingAPageBoundary_AreAllFound_EachOnce()
    {
        // 5 per page; instants 0,1,2,3,4 then four tasks at 5 ms (two of them fall on the next page), then 6, 7.
        var tasks = new List<Asana.Client.Models.AsanaTask> { Task(1, 0), Task(2, 1), Task(3, 2), Task(4, 3), Task(5, 5), Task(6, 5), Task(7, 5), Task(8, 5), Task(9, 6), Task(10, 7) };
        var seen = new List<string>();
        var cursors = new List<DateTimeOffset?>();

        var outcome = await SearchPager.PageAsync(Server(tasks, 5, cursors), t => seen.Add(t.Gid), 5, CancellationToken.None);

        seen.Should().BeEquivalentTo(tasks.Select(t => t.Gid)).And.OnlyHaveUniqueItems();
        outcome.Should().Be(new SearchOutcome(true, cursors.Count, 10, Complete: true, SkippedTies: false));
        cursors[1].Should().Be(T0.AddMilliseconds(4), "the next page re-reads the last instant seen");
    }

    [Fact]
    public async Task MoreTiesThanAPage_AreSteppedPast_WithoutLooping_AndReported()
    {
        var tasks = Enumerable.Range(1, 7).Select(i => Task(i, 10)).Append(Task(8, 11)).ToList();
        var seen = new List<string>();
        var cursors = new List<DateTimeOffset?>();

        var outcome = await SearchPager.PageAsync(Server(tasks, 5, cursors), t => seen.Add(t.Gid), 5, CancellationToken.None);

        outcome.SkippedTies.Should().BeTrue();
        outcome.Complete.Should().BeTrue();
        seen.Should().Contain("8").And.OnlyHaveUniqueItems();
        cursors.Count.Should().BeLessThan(5);
    }

    [Fact]
    public async Task ExactlyAFullPage_EndsOnTheNextShortPage_AndNotAvailableIsNull()
    {
        var tasks = Enumerable.Range(1, 5).Select(i => Task(i, i)).ToList();
        var cursors = new List<DateTimeOffset?>();
        var outcome = await SearchPager.PageAsync(Server(tasks, 5, cursors), _ => { }, 5, CancellationToken.None);
        outcome.Should().Be(new SearchOutcome(true, 2, 5, Complete: true, SkippedTies: false));

        var unavailable = await SearchPager.PageAsync(_ => System.Threading.Tasks.Task.FromResult<IReadOnlyList<Asana.Client.Models.AsanaTask>?>(null), _ => { }, 5, CancellationToken.None);
        unavailable.Available.Should().BeFalse();
        unavailable.Pages.Should().Be(1);
    }
}
