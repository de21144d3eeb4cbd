using Asana.Client;
using Asana.Permissions.Sources;
using Asana.Simulator;
using Asana.Sync.Sqlite;
using Xunit.Abstractions;

namespace Asana.Sync.Tests;

public sealed class AsanaSyncEngineTests(ITestOutputHelper output)
{
    private static SimulatedOrganization Org(int seed = 7) => SimulatedOrganization.Generate(seed, OrganizationShape.Small);

    private static string Describe(SyncResult r) =>
        $"{r.Mode}: {r.Calls.Total} calls [{string.Join(", ", r.Calls.ByKind.Select(kv => $"{kv.Key}={kv.Value}"))}] floor={r.Floor} tickets={r.Tickets} written={r.TicketsWritten} deleted={r.TicketsDeleted} warnings={r.Warnings.Count}";

    [Fact]
    public async Task FullSync_EqualsOracle_ForEveryUserTaskPair_AndStaysNearTheCallFloor()
    {
        var org = Org();
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var engine = new AsanaSyncEngine(client, store);

        var result = await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        output.WriteLine(Describe(result));

        result.Mode.Should().Be(SyncMode.Full);
        var cmp = await Harness.CompareAsync(store, org, Harness.Undiscoverable(org.ToWorkspaceData()));
        cmp.OverGrants.Should().BeEmpty("over-grants must never happen");
        cmp.UnderGrants.Should().BeEmpty();
        result.Calls.Total.Should().Be((int)sim.Requests.Total, "every request is counted");
        result.Calls.Total.Should().BeLessThanOrEqualTo((int)Math.Ceiling(result.Floor!.WithContractTerms * 1.05));
        result.Warnings.Select(w => w.Code).Should().Equal(["task_search_unavailable"], "the simulator has no premium search; nothing else is unreadable");
    }

    [Fact]
    public async Task IncrementalSync_AfterMutations_EqualsNewTruth_WithUnderHalfTheCalls()
    {
        // Realistic proportions (about ten tasks per user): every incremental sync re-lists each active user's assigned
        // tasks, which in a toy workspace of 24 users and 150 tasks would dwarf everything else.
        var org = SimulatedOrganization.Generate(11, OrganizationShape.Demo);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var engine = new AsanaSyncEngine(client, store);
        var full = await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        output.WriteLine(Describe(full));

        var data = org.ToWorkspaceData();
        var active = data.WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var projects = org.GetProjectGids();
        var p0 = projects[0];
        var p1 = projects[1];
        // adds
        var added = org.AddTask(p0, "Quarterly roadmap review", assigneeGid: active[0], notes: "budget numbers");
        var sub = org.AddSubtask(added, "Collect numbers", assigneeGid: active[1]);
        org.AddSubtask(sub, "Nested detail", followerGids: [active[2]]);
        // moves
        var moved = org.GetProjectTaskGids(p0).Where(t => t != added).First();
        org.MoveTask(moved, p0, p1);
        // deletion with subtasks
        var withSubtasks = data.Tasks.First(t => t.ParentGid is null && t.Memberships.Count > 0 && data.Tasks.Any(c => c.ParentGid == t.Gid)).Gid;
        org.DeleteTask(withSubtasks);
        // follower change
        var p1Tasks = org.GetProjectTaskGids(p1);
        var followed = p1Tasks[p1Tasks.Count - 1];
        org.SetFollowers(followed, [active[4], active[5]]);
        // project made private
        var publicProject = data.Projects.First(p => p.PrivacySetting != PrivacySettings.Private).Gid;
        org.SetProjectPrivacy(publicProject, PrivacySettings.Private);
        // member removed
        var membership = data.ProjectMemberships.First(m => m.MemberKind == MemberKind.User);
        org.RemoveProjectMember(membership.ProjectGid, membership.MemberGid);
        // user deactivated
        org.DeactivateUser(active[6]);

        var incremental = await engine.SyncAsync(org.WorkspaceGid);
        output.WriteLine(Describe(incremental));

        incremental.Mode.Should().Be(SyncMode.Incremental);
        incremental.Warnings.Select(w => w.Code).Should().Equal(["task_search_unavailable"], "the subtasks of a deleted task are not listed (no subtasks_unreadable); search is not premium");
        await Harness.ShouldBeExactAsync(store, org);
        // Besides the re-listing of subtasks that no event stream covers (one request per stored task with subtasks that
        // is in no project), an incremental sync costs less than half a full one.
        // (Stored tasks deleted since, which the events report, are not listed.)
        var existing = org.ToWorkspaceData().Tasks.Select(t => t.Gid).ToHashSet(StringComparer.Ordinal);
        var unstreamedParents = data.Tasks.Count(t => t.Memberships.Count == 0 && existing.Contains(t.Gid) && data.Tasks.Any(c => c.ParentGid == t.Gid));
        // (A parent whose num_subtasks changed is listed as a changed task instead, and counted there.)
        var relisted = incremental.Calls.ByKind.GetValueOrDefault(ApiCallKinds.UnstreamedSubtasks);
        relisted.Should().BePositive().And.BeLessThanOrEqualTo(unstreamedParents);
        (incremental.Calls.Total - relisted).Should().BeLessThan(full.Calls.Total / 2);
        (await store.ListAccessibleAsync(org.WorkspaceGid, active[6])).Should().BeEmpty("a deactivated user sees nothing");

        // Nothing lost, nothing duplicated: a fresh full sync into another file gives the same export.
        using var db2 = new TempDatabase();
        using var store2 = db2.Open();
        await new AsanaSyncEngine(client, store2).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        (await ExportAsync(store)).Should().Be(await ExportAsync(store2));
    }

    [Fact]
    public async Task IncrementalSync_ByDefault_RevokesARemovedProjectlessFollowerAtOnce()
    {
        var org = Org(17);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var engine = new AsanaSyncEngine(client, store);
        var users = org.ToWorkspaceData().WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var errand = org.AddProjectlessTask("Private errand", users[3], followerGids: [users[4]]);
        await engine.SyncAsync(org.WorkspaceGid);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[4])).Should().Contain(errand);

        org.RemoveFollower(errand, users[4]);
        var next = await engine.SyncAsync(org.WorkspaceGid);

        next.Mode.Should().Be(SyncMode.Incremental);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[4])).Should().NotContain(errand, "a revoked follower must not keep access until a rescan is due");
        await Harness.ShouldBeExactAsync(store, org);
    }

    [Fact]
    public async Task IncrementalSync_RevokesAFollowerRemovedFromANestedSubtaskOfAProjectlessTask()
    {
        // No project event stream covers these subtasks, and search is off (not premium).
        var org = Org(19);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var engine = new AsanaSyncEngine(client, store);
        var users = org.ToWorkspaceData().WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var errand = org.AddProjectlessTask("Private errand", users[3]);
        var step = org.AddSubtask(errand, "Book the venue");
        var detail = org.AddSubtask(step, "Compare quotes", followerGids: [users[4]]);
        var gone = org.AddSubtask(step, "Call the caterer", followerGids: [users[5]]);
        await engine.SyncAsync(org.WorkspaceGid);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[4])).Should().Contain(detail);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[5])).Should().Contain(gone);

        org.RemoveFollower(detail, users[4]);
        org.DeleteTask(gone);
        var next = await engine.SyncAsync(org.WorkspaceGid);
        output.WriteLine(Describe(next));

        next.Mode.Should().Be(SyncMode.Incremental);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[4])).Should().NotContain(detail, "the removed follower loses access at this sync");
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[5])).Should().NotContain(gone, "a deleted subtask is visible to nobody");
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[3])).Should().Contain([errand, step, detail]);
        await Harness.ShouldBeExactAsync(store, org);
    }

    [Fact]
    public async Task IncrementalSync_RemovesADeletedSubtask_OfAnAssignedProjectlessTask()
    {
        // The assignee listing returns the parent with a changed num_subtasks and reads its subtasks first: that read
        // must notice the child that is gone, too.
        var org = Org(23);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var engine = new AsanaSyncEngine(client, store);
        var users = org.ToWorkspaceData().WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var errand = org.AddProjectlessTask("Private errand", users[3]);
        var kept = org.AddSubtask(errand, "Book the venue");
        var gone = org.AddSubtask(errand, "Call the caterer", followerGids: [users[5]]);
        await engine.SyncAsync(org.WorkspaceGid);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[5])).Should().Contain(gone);

        org.DeleteTask(gone);
        (await engine.SyncAsync(org.WorkspaceGid)).Mode.Should().Be(SyncMode.Incremental);

        (await store.ListAccessibleAsync(org.WorkspaceGid, users[5])).Should().NotContain(gone, "a deleted subtask is visible to nobody");
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[3])).Should().Contain([errand, kept]);
    }

    [Fact]
    public async Task IncrementalSync_WithLookback_DoesNotKeepAStaleRecord_OfATaskReadOutsideTheWindow()
    {
        // Asana does not move modified_at when a task leaves a project; a re-read outside the window must not leave the
        // stored record (and its project's grant) in place.
        var org = Org(29);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new AsanaSyncOptions { LookbackDays = 3650, FullSyncInterval = null };
        var engine = new AsanaSyncEngine(client, store, options, null, clock);
        var users = org.ToWorkspaceData().WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var vault = org.AddProject("Vault", PrivacySettings.Private, memberGids: [users[2]]);
        var secret = org.AddTask(vault, "Combination", assigneeGid: users[3]);
        await engine.SyncAsync(org.WorkspaceGid);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[2])).Should().Contain(secret);

        org.RemoveTaskFromProject(secret, vault);
        clock.Advance(TimeSpan.FromDays(3650 + 400)); // the task's modified_at is now outside the window
        (await engine.SyncAsync(org.WorkspaceGid, SyncMode.Incremental)).Mode.Should().Be(SyncMode.Incremental);

        (await store.ListAccessibleAsync(org.WorkspaceGid, users[2])).Should().NotContain(secret, "the task left the project the user is a member of");
    }

    [Fact]
    public async Task AutoSync_RunsInFull_OnceTheLastFullSyncIsOlderThanTheInterval()
    {
        // Events arrive at most once: a periodic full sync repairs what a lost event left stale.
        var org = Org(21);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var engine = new AsanaSyncEngine(client, store, new AsanaSyncOptions { FullSyncInterval = TimeSpan.FromHours(24) }, null, clock);

        (await engine.SyncAsync(org.WorkspaceGid)).Mode.Should().Be(SyncMode.Full);
        clock.Advance(TimeSpan.FromHours(23));
        (await engine.SyncAsync(org.WorkspaceGid)).Mode.Should().Be(SyncMode.Incremental);
        clock.Advance(TimeSpan.FromHours(2));
        (await engine.SyncAsync(org.WorkspaceGid)).Mode.Should().Be(SyncMode.Full, "the last full sync is 25 hours old");
        (await engine.SyncAsync(org.WorkspaceGid)).Mode.Should().Be(SyncMode.Incremental, "the interval restarts at the full sync");
        (await engine.SyncAsync(org.WorkspaceGid, SyncMode.Incremental)).Mode.Should().Be(SyncMode.Incremental);
    }

    [Fact]
    public async Task IncrementalSync_FindsProjectlessChanges_WhenTheRescanIsDue()
    {
        var org = Org(13);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var hourly = new AsanaSyncOptions { ProjectlessRescanInterval = TimeSpan.FromHours(1) };
        var engine = new AsanaSyncEngine(client, store, hourly, null, clock);
        await engine.SyncAsync(org.WorkspaceGid);
        var data = org.ToWorkspaceData();
        var users = data.WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var errand = org.AddProjectlessTask("Private errand", users[3], followerGids: [users[4]]);
        var projectless = data.Tasks.First(t => t.Memberships.Count == 0 && t.ParentGid is null && t.AssigneeGid is not null);
        org.SetFollowers(projectless.Gid, [users[5]]);

        var early = await engine.SyncAsync(org.WorkspaceGid);
        early.Calls.ByKind.Should().NotContainKey(ApiCallKinds.AssigneeTasks, "the hourly rescan is not due yet");
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[4])).Should().NotContain(errand);

        clock.Advance(TimeSpan.FromHours(1));
        var due = await engine.SyncAsync(org.WorkspaceGid);
        output.WriteLine(Describe(due));

        due.Calls.ByKind.Should().ContainKey(ApiCallKinds.AssigneeTasks);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[4])).Should().Contain(errand);
        await Harness.ShouldBeExactAsync(store, org);
    }

    [Fact]
    public async Task IncrementalSync_RecrawlsAProject_WhenItsSyncTokenExpired_AndPicksUpNewProjects()
    {
        var org = Org(5);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var engine = new AsanaSyncEngine(client, store);
        await engine.SyncAsync(org.WorkspaceGid);
        var users = org.ToWorkspaceData().WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var newProject = org.AddProject("Launch", PrivacySettings.Private, memberGids: [users[0]]);
        org.AddTask(newProject, "Launch checklist", followerGids: [users[1]]);
        var gone = org.GetProjectGids()[2];
        org.DeleteProject(gone);
        sim.ExpireSyncTokens();
        org.AddTask(org.GetProjectGids()[0], "After expiry", assigneeGid: users[2]);

        var result = await engine.SyncAsync(org.WorkspaceGid);
        output.WriteLine(Describe(result));

        result.Mode.Should().Be(SyncMode.Incremental);
        result.ProjectsRecrawled.Should().BeGreaterThan(0);
        await Harness.ShouldBeExactAsync(store, org);
    }

    [Fact]
    public async Task KilledSync_LeavesPreviousStateReadable_AndTheRerunEqualsTruth()
    {
        var org = Org(3);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var engine = new AsanaSyncEngine(client, store, new AsanaSyncOptions { MaxParallelism = 4 });
        await engine.SyncAsync(org.WorkspaceGid);
        var users = org.ToWorkspaceData().WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var before = await ExportAsync(store);
        var beforeVisible = await store.ListAccessibleForAllUsersAsync(org.WorkspaceGid);

        org.AddTask(org.GetProjectGids()[0], "Added before the crash", assigneeGid: users[0]);
        org.SetProjectPrivacy(org.GetProjectGids()[1], PrivacySettings.Private);

        // Kill after N requests: a full sync cancelled mid-way.
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgressCanceller(cts, afterRequests: 50);
        var act = () => engine.SyncAsync(org.WorkspaceGid, SyncMode.Full, progress, cts.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();

        (await ExportAsync(store)).Should().Be(before, "a killed sync changes nothing");
        (await store.ListAccessibleForAllUsersAsync(org.WorkspaceGid)).Should().BeEquivalentTo(beforeVisible);

        // A fault "after N requests" (401 half-way) also leaves the store as it was.
        sim.Faults.FailAfter(40, FaultKind.Unauthorized);
        var act2 = () => engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        await act2.Should().ThrowAsync<AsanaSyncException>();
        sim.Faults.Clear();
        (await ExportAsync(store)).Should().Be(before);

        var rerun = await engine.SyncAsync(org.WorkspaceGid);
        output.WriteLine(Describe(rerun));
        await Harness.ShouldBeExactAsync(store, org);
    }

    [Fact]
    public async Task TransientFaults_SprinkledThroughASync_ChangeNothingInTheResult()
    {
        var org = Org(9);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var cleanDb = new TempDatabase();
        using var clean = cleanDb.Open();
        using var client = Harness.Client(sim);
        await new AsanaSyncEngine(client, clean).SyncAsync(org.WorkspaceGid, SyncMode.Full);

        using var db = new TempDatabase();
        using var store = db.Open();
        sim.Faults.RetryAfter = TimeSpan.FromMilliseconds(50);
        sim.Faults.FailRate(0.04, FaultKind.TooManyRequests, seed: 1);
        sim.Faults.FailRate(0.03, FaultKind.ServiceUnavailable, seed: 2);
        sim.Faults.FailRate(0.03, FaultKind.ConnectionReset, seed: 3);
        sim.Faults.FailRate(0.02, FaultKind.TruncatedBody, seed: 4);
        var result = await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var injected = sim.Faults.Injected;
        output.WriteLine($"{Describe(result)}; injected={injected}");
        sim.Faults.Clear();

        injected.Should().BeGreaterThan(0);
        result.Calls.Retries.Should().Be((int)injected, "every injected fault costs exactly one retry, and the result reports it");
        (await ExportAsync(store)).Should().Be(await ExportAsync(clean));
    }

    [Fact]
    public async Task WrongToken_StopsWithAClearError_WithoutTheToken_AndLeavesTheStoreUntouched()
    {
        var org = Org(4);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using (var good = Harness.Client(sim))
        {
            await new AsanaSyncEngine(good, store).SyncAsync(org.WorkspaceGid);
        }

        var before = await ExportAsync(store);
        const string sentinel = "SENTINEL-PAT-0123456789";
        using var bad = Harness.Client(sim, sentinel);
        var logs = new ListLogger();
        var engine = new AsanaSyncEngine(bad, store, null, logs);

        var act = () => engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var error = (await act.Should().ThrowAsync<AsanaSyncException>()).Which;

        error.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        error.Message.Should().Contain("401");
        error.ToString().Should().NotContain(sentinel);
        string.Join("\n", logs.Lines).Should().NotContain(sentinel);
        (await ExportAsync(store)).Should().Be(before);
    }

    [Fact]
    public async Task ForbiddenProjectMemberships_DropThoseGrants_AndWarn()
    {
        var org = Org(12);
        var data = org.ToWorkspaceData();
        // A private project with user members: its grants come only from memberships.
        var project = data.Projects.First(p => p.PrivacySetting == PrivacySettings.Private && data.ProjectMemberships.Any(m => m.ProjectGid == p.Gid));
        await using var sim = await SimulatedAsana.StartAsync(org);
        sim.Faults.FailProject(project.Gid, 403, ProjectFaultTarget.Memberships);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);

        var result = await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);

        result.Warnings.Should().ContainSingle(w => w.ResourceGid == project.Gid && w.Code == "project_memberships_unreadable");
        var cmp = await Harness.CompareAsync(store, org, Harness.Undiscoverable(data));
        cmp.OverGrants.Should().BeEmpty("unknown means no");
        var permissions = await store.LoadPermissionsAsync(org.WorkspaceGid);
        permissions!.ToWorkspaceData().ProjectMemberships.Should().NotContain(m => m.ProjectGid == project.Gid);
        cmp.UnderGrants.Should().NotBeEmpty("the members' grants are absent");
    }

    [Fact]
    public async Task Lookback_ReadsOnlyRecentlyModifiedTasks()
    {
        var org = Org(21);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var data = org.ToWorkspaceData();
        var newest = data.Tasks.Where(t => t.ModifiedAt is not null).Max(t => t.ModifiedAt!.Value);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(newest.AddDays(1));
        var engine = new AsanaSyncEngine(client, store, new AsanaSyncOptions { LookbackDays = 3 }, null, clock);

        var result = await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);

        var cutoff = clock.GetUtcNow().AddDays(-3);
        var stored = (await store.LoadAsync(org.WorkspaceGid))!.Data.Tasks;
        stored.Where(t => t.ParentGid is null).Should().OnlyContain(t => t.ModifiedAt >= cutoff);
        result.Tickets.Should().BeLessThan(data.Tasks.Count);
        var cmp = await Harness.CompareAsync(store, org, data.Tasks.Select(t => t.Gid).ToHashSet());
        cmp.OverGrants.Should().BeEmpty();
        result.Tickets.Should().BePositive();
        result.Warnings.Should().NotContain(w => w.Code == "lookback_excludes_all", "some tasks are in the window");
    }

    [Fact]
    public async Task Lookback_ExcludingEveryTask_WarnsInFullAndIncrementalSyncs()
    {
        var org = Org(23);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var data = org.ToWorkspaceData();
        var newest = data.Tasks.Where(t => t.ModifiedAt is not null).Max(t => t.ModifiedAt!.Value);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(newest.AddDays(30));
        var engine = new AsanaSyncEngine(client, store, new AsanaSyncOptions { LookbackDays = 7, FullSyncInterval = null }, null, clock);

        var full = await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        clock.Advance(TimeSpan.FromMinutes(5));
        var incremental = await engine.SyncAsync(org.WorkspaceGid);

        full.Tickets.Should().Be(0);
        incremental.Mode.Should().Be(SyncMode.Incremental);
        incremental.Tickets.Should().Be(0);
        foreach (var result in new[] { full, incremental })
        {
            var warning = result.Warnings.Should().ContainSingle(w => w.Code == "lookback_excludes_all").Subject;
            warning.ResourceGid.Should().Be(org.WorkspaceGid);
            warning.Message.Should().Contain("7 days").And.Contain("LookbackDays").And.Contain($"{data.Projects.Count} projects");
        }
    }

    [Fact]
    public async Task Purge_RemovesOneWorkspace_AndLeavesAnotherIntact()
    {
        var a = Org(31);
        var b = SimulatedOrganization.Generate(32, OrganizationShape.Small with { IsOrganization = false });
        await using var simA = await SimulatedAsana.StartAsync(a);
        await using var simB = await SimulatedAsana.StartAsync(b);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var clientA = Harness.Client(simA);
        using var clientB = Harness.Client(simB);
        await new AsanaSyncEngine(clientA, store).SyncAsync(a.WorkspaceGid);
        await new AsanaSyncEngine(clientB, store).SyncAsync(b.WorkspaceGid);
        (await store.ListWorkspacesAsync()).Should().HaveCount(2);

        (await store.PurgeAsync(a.WorkspaceGid)).Should().BeTrue();

        (await store.ListWorkspacesAsync()).Select(w => w.Gid).Should().Equal(b.WorkspaceGid);
        (await store.LoadAsync(a.WorkspaceGid)).Should().BeNull();
        await Harness.ShouldBeExactAsync(store, b);
    }

    [Fact]
    public async Task Check_Search_And_Export_AnswerFromTheStore()
    {
        var org = Org(41);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var users = org.ToWorkspaceData().WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var project = org.GetProjectGids()[0];
        var task = org.AddTask(project, "Zebra migration plan", assigneeGid: users[0], notes: "Move the zebras to the new enclosure");
        await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid);

        var check = await store.ExplainAsync(org.WorkspaceGid, users[0], task);
        check.Allowed.Should().BeTrue();
        check.Because.Should().Contain(g => g.Kind == Asana.Permissions.GrantKind.Assignee);
        check.Because.Should().OnlyContain(g => !string.IsNullOrWhiteSpace(g.Description));

        var hits = await store.SearchAsync(org.WorkspaceGid, users[0], "zebras enclos");
        hits.Select(h => h.TicketGid).Should().Contain(task);
        var expected = org.ExpectedVisibility();
        var outsider = expected.First(kv => !kv.Value.Contains(task)).Key;
        (await store.SearchAsync(org.WorkspaceGid, outsider, "zebra")).Should().BeEmpty("search is trimmed to what the user may see");

        var json = await ExportAsync(store);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("workspace", "roles", "users", "teams", "collections", "tickets", "tags");
        var ticket = doc.RootElement.GetProperty("tickets").EnumerateArray().First(t => t.GetProperty("remote_id").GetString() == task);
        ticket.GetProperty("permissions").EnumerateArray().Should().Contain(p => p.GetProperty("effect").GetString() == "ALLOWED"
            && p.GetProperty("applied_to_users").EnumerateArray().Any(u => u.GetString() == users[0]));
    }

    [Fact]
    public async Task Export_CarriesTheTicketingContent_AsAsanaServesIt()
    {
        var org = Org(43);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        var done = org.GetProjectTaskGids(org.GetProjectGids()[0])[0];
        org.UpdateTask(done, completed: true);
        await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid);

        using var exported = System.Text.Json.JsonDocument.Parse(await ExportAsync(store));
        var truthModel = Asana.Permissions.WorkspacePermissions.Build(org.ToWorkspaceData()).ToMergeModel();
        using var truth = System.Text.Json.JsonDocument.Parse(Asana.Sync.Storage.MergeJson.ToJson(truthModel, Asana.Sync.Storage.MergeJson.WriteModel));

        string[] ticketFields = ["description", "status", "completed_at", "due_date", "creator", "ticket_url", "tags", "remote_created_at"];
        var compared = ShouldCarry(exported.RootElement, truth.RootElement, "tickets", ticketFields);
        compared.Should().BeGreaterThan(org.TaskCount / 2);
        ShouldCarry(exported.RootElement, truth.RootElement, "collections", ["description", "access_level"]).Should().BePositive();
        ShouldCarry(exported.RootElement, truth.RootElement, "teams", ["description"]).Should().BePositive();
        exported.RootElement.GetProperty("tags").GetRawText().Should().Be(truth.RootElement.GetProperty("tags").GetRawText());

        // Not vacuous: the organization has every kind of content, and the store shows it.
        var tickets = exported.RootElement.GetProperty("tickets").EnumerateArray().ToList();
        tickets.Should().Contain(t => t.GetProperty("due_date").ValueKind == System.Text.Json.JsonValueKind.String);
        tickets.Should().Contain(t => t.GetProperty("tags").GetArrayLength() > 0);
        tickets.Should().Contain(t => t.GetProperty("creator").ValueKind == System.Text.Json.JsonValueKind.String);
        tickets.Single(t => t.GetProperty("remote_id").GetString() == done).GetProperty("status").GetString().Should().Be("CLOSED");
        tickets.Should().Contain(t => t.GetProperty("status").GetString() == "OPEN");
        exported.RootElement.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("access_level").GetString())
            .Should().Contain(["PRIVATE", "COMPANY", "PARENT_COLLECTION"]);
        exported.RootElement.GetProperty("tags").GetArrayLength().Should().BePositive();
    }

    /// <summary>Every object of <paramref name="list"/> in both documents has the same <paramref name="fields"/>; returns how many were compared.</summary>
    private static int ShouldCarry(System.Text.Json.JsonElement actual, System.Text.Json.JsonElement expected, string list, string[] fields)
    {
        var truth = expected.GetProperty(list).EnumerateArray().ToDictionary(o => o.GetProperty("remote_id").GetString()!);
        var compared = 0;
        foreach (var item in actual.GetProperty(list).EnumerateArray())
        {
            var id = item.GetProperty("remote_id").GetString()!;
            truth.Should().ContainKey(id);
            foreach (var field in fields)
            {
                var (a, e) = (item.GetProperty(field), truth[id].GetProperty(field));
                var moment = field.EndsWith("_at", StringComparison.Ordinal) || field == "due_date";
                if (moment && a.ValueKind == System.Text.Json.JsonValueKind.String && e.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    a.GetDateTimeOffset().Should().Be(e.GetDateTimeOffset(), $"{list} {id} {field}");
                }
                else
                {
                    a.GetRawText().Should().Be(e.GetRawText(), $"{list} {id} {field}");
                }
            }

            compared++;
        }

        return compared;
    }

    /// <summary>The export of the one workspace the store holds.</summary>
    internal static async Task<string> ExportAsync(SqlitePermissionStore store)
    {
        using var stream = new MemoryStream();
        var workspace = (await store.ListWorkspacesAsync()).Should().ContainSingle().Subject;
        await store.WriteExportAsync(workspace.Gid, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class SyncProgressCanceller(CancellationTokenSource cts, int afterRequests) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            if (value.Requests >= afterRequests)
            {
                cts.Cancel();
            }
        }
    }
}

internal sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<AsanaSyncEngine>
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Lines.Enqueue(formatter(state, exception) + exception);
}
