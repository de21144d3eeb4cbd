using Asana.Client.Models;
using Asana.Permissions.Sources;
using Asana.Simulator;
using Asana.Sync.Storage;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace Asana.Sync.Tests;

/// <summary>
/// Targeted refreshes (<see cref="AsanaSyncEngine.RefreshAsync"/>) driven by the events Asana's webhooks deliver for each
/// kind of revocation: after the refresh the store equals the simulator's truth for every (user, task) pair, at a cost of a
/// handful of requests instead of a sync.
/// </summary>
public sealed class AsanaSyncEngineRefreshTests(ITestOutputHelper output)
{
    public enum Revocation
    {
        ProjectMemberRemoved,
        TeamMemberRemoved,
        PrivacyNarrowed,
        FollowerRemoved,
        UserDeactivated,
        TaskMovedToPrivateProject,
        TaskDeleted,
    }

    [Theory]
    [InlineData(Revocation.ProjectMemberRemoved)]
    [InlineData(Revocation.TeamMemberRemoved)]
    [InlineData(Revocation.PrivacyNarrowed)]
    [InlineData(Revocation.FollowerRemoved)]
    [InlineData(Revocation.UserDeactivated)]
    [InlineData(Revocation.TaskMovedToPrivateProject)]
    [InlineData(Revocation.TaskDeleted)]
    public async Task Refresh_FromTheEventsOfARevocation_RevokesIt_AndEqualsTheTruth(Revocation kind)
    {
        var org = SimulatedOrganization.Generate(23, OrganizationShape.Small);
        if (kind == Revocation.FollowerRemoved)
        {
            // A follower is rarely a task's only grant in a generated organization: make one that is.
            var users = ActiveMembers(org);
            org.AddProjectlessTask("Private errand", users[3], followerGids: [users[4]]);
        }

        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);
        var full = await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var before = org.ExpectedVisibility();

        var events = Revoke(org, kind);
        var revoked = Revoked(before, org.ExpectedVisibility());
        revoked.Should().NotBeEmpty($"the {kind} mutation must take some access away, or the test proves nothing");
        var scope = RefreshScope.FromEvents(events);

        var result = await engine.RefreshAsync(org.WorkspaceGid, scope);
        output.WriteLine($"{kind}: {revoked.Count} (user, task) pairs revoked; refresh {result.Calls.Total} requests ({string.Join(", ", result.Calls.ByKind.Select(kv => $"{kv.Key}={kv.Value}"))}) vs full sync {full.Calls.Total}");

        result.Mode.Should().Be(SyncMode.Refresh);
        await Harness.ShouldBeExactAsync(h.Store, org);
        result.Calls.Total.Should().BeLessThan(full.Calls.Total / 10, "a refresh reads what the event touched, not the workspace");
    }

    [Fact]
    public async Task Refresh_KeepsTheSyncState_SoTheNextIncrementalSyncStillCatchesEverythingElse()
    {
        var org = SimulatedOrganization.Generate(29, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var stateBefore = (await h.Store.LoadAsync(org.WorkspaceGid))!.State;

        // Two changes; the refresh hears of one only (webhooks are at most once).
        var users = ActiveMembers(org);
        var project = org.GetProjectGids()[0];
        var heard = org.GetProjectTaskGids(project)[0];
        var missed = org.GetProjectTaskGids(project)[1];
        org.SetFollowers(heard, [users[0]]);
        org.SetFollowers(missed, [users[1]]);
        await engine.RefreshAsync(org.WorkspaceGid, RefreshScope.ForTasks(heard));

        var stateAfter = (await h.Store.LoadAsync(org.WorkspaceGid))!.State;
        stateAfter.LastSyncAt.Should().Be(stateBefore.LastSyncAt);
        stateAfter.LastFullSyncAt.Should().Be(stateBefore.LastFullSyncAt);
        stateAfter.ProjectSyncTokens.Should().Equal(stateBefore.ProjectSyncTokens);

        var next = await engine.SyncAsync(org.WorkspaceGid);
        next.Mode.Should().Be(SyncMode.Incremental);
        await Harness.ShouldBeExactAsync(h.Store, org);
    }

    [Fact]
    public async Task Refresh_OfANewProject_CrawlsIt_AndKeepsItsEventToken()
    {
        var org = SimulatedOrganization.Generate(31, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var users = ActiveMembers(org);

        var project = org.AddProject("Launch war room", PrivacySettings.Private, memberGids: [users[2]]);
        var task = org.AddTask(project, "Embargoed launch date", assigneeGid: users[2]);
        org.AddSubtask(task, "Press kit", followerGids: [users[3]]);
        var result = await engine.RefreshAsync(org.WorkspaceGid, RefreshScope.FromEvents([Event("project", project, "added", "workspace", org.WorkspaceGid)]));

        result.TicketsWritten.Should().BeGreaterThanOrEqualTo(2);
        (await h.Store.LoadAsync(org.WorkspaceGid))!.State.ProjectSyncTokens.Should().ContainKey(project);
        await Harness.ShouldBeExactAsync(h.Store, org);
        (await engine.SyncAsync(org.WorkspaceGid)).Mode.Should().Be(SyncMode.Incremental);
        await Harness.ShouldBeExactAsync(h.Store, org);
    }

    [Fact]
    public async Task Refresh_OfADeletedProject_DropsItsGrants_AndReReadsItsTasks()
    {
        var org = SimulatedOrganization.Generate(37, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var project = org.GetProjectGids().First(p => org.GetProjectTaskGids(p).Count > 0);

        org.DeleteProject(project);
        await engine.RefreshAsync(org.WorkspaceGid, RefreshScope.FromEvents([Event("project", project, "deleted")]));

        await Harness.ShouldBeExactAsync(h.Store, org);
        (await h.Store.LoadAsync(org.WorkspaceGid))!.Data.Projects.Should().NotContain(p => p.Gid == project);
    }

    [Fact]
    public async Task Refresh_OfANeverSyncedWorkspace_FailsAndWritesNothing()
    {
        var org = SimulatedOrganization.Generate(41, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);

        var act = () => engine.RefreshAsync(org.WorkspaceGid, RefreshScope.ForTasks(org.GetProjectTaskGids(org.GetProjectGids()[0])[0]));

        (await act.Should().ThrowAsync<AsanaSyncException>()).Which.Message.Should().Contain("run a sync first");
        (await h.Store.GetGenerationAsync(org.WorkspaceGid)).Should().Be(0);
        h.Sim.Requests.Total.Should().Be(0, "nothing was read");
    }

    [Fact]
    public async Task Refresh_ThatFailsHalfway_LeavesTheStoreAsItWas()
    {
        var org = SimulatedOrganization.Generate(43, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var generation = await h.Store.GetGenerationAsync(org.WorkspaceGid);
        var users = ActiveMembers(org);
        var project = org.GetProjectGids()[0];
        var task = org.GetProjectTaskGids(project)[0];
        org.SetFollowers(task, [users[5]]);

        h.Sim.Faults.FailAfter(1, FaultKind.Unauthorized);
        var act = () => engine.RefreshAsync(org.WorkspaceGid, RefreshScope.FromEvents([Event("task", task, "changed"), Event("user", users[0], "removed", "project", project)]));

        await act.Should().ThrowAsync<AsanaSyncException>();
        (await h.Store.GetGenerationAsync(org.WorkspaceGid)).Should().Be(generation, "a failed refresh commits nothing");
        h.Sim.Faults.Clear();
        await engine.RefreshAsync(org.WorkspaceGid, RefreshScope.ForTasks(task));
        await Harness.ShouldBeExactAsync(h.Store, org);
    }

    [Fact]
    public async Task EmptyRefresh_ChangesNoTicket()
    {
        var org = SimulatedOrganization.Generate(47, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);

        var result = await engine.RefreshAsync(org.WorkspaceGid, RefreshScope.Empty);

        result.Calls.Total.Should().Be(0);
        result.TicketsWritten.Should().Be(0);
        result.TicketsDeleted.Should().Be(0);
    }

    [Fact]
    public async Task SyncAsync_RefusesTheRefreshMode()
    {
        var org = SimulatedOrganization.Generate(53, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var engine = new AsanaSyncEngine(h.Client, h.Store);

        var act = () => engine.SyncAsync(org.WorkspaceGid, SyncMode.Refresh);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    // ---- the mutations, and the events Asana delivers for them ----

    private static List<AsanaEvent> Revoke(SimulatedOrganization org, Revocation kind)
    {
        var data = org.ToWorkspaceData();
        var before = org.ExpectedVisibility();
        var events = new List<AsanaEvent>();
        // Apply candidates until one takes access away (a member of a public project loses nothing, for instance).
        bool AnyRevoked() => Revoked(before, org.ExpectedVisibility()).Count > 0;
        switch (kind)
        {
            case Revocation.ProjectMemberRemoved:
                foreach (var m in data.ProjectMemberships.Where(m => m.MemberKind == MemberKind.User))
                {
                    org.RemoveProjectMember(m.ProjectGid, m.MemberGid);
                    events.Add(Event("project_membership", "pm" + m.MemberGid, "removed", "project", m.ProjectGid));
                    if (AnyRevoked())
                    {
                        break;
                    }
                }

                break;
            case Revocation.TeamMemberRemoved:
                foreach (var m in data.TeamMemberships)
                {
                    org.RemoveTeamMember(m.TeamGid, m.UserGid);
                    events.Add(Event("team_membership", "tm" + m.UserGid, "removed", "team", m.TeamGid));
                    if (AnyRevoked())
                    {
                        break;
                    }
                }

                break;
            case Revocation.PrivacyNarrowed:
                foreach (var p in data.Projects.Where(p => p.PrivacySetting != PrivacySettings.Private))
                {
                    org.SetProjectPrivacy(p.Gid, PrivacySettings.Private);
                    events.Add(Event("project", p.Gid, "changed"));
                    if (AnyRevoked())
                    {
                        break;
                    }
                }

                break;
            case Revocation.FollowerRemoved:
                foreach (var t in data.Tasks.Where(t => t.FollowerGids.Count > 0).OrderBy(t => t.Name != "Private errand"))
                {
                    org.RemoveFollower(t.Gid, t.FollowerGids[0]);
                    events.Add(Event("task", t.Gid, "changed"));
                    if (AnyRevoked())
                    {
                        break;
                    }
                }

                break;
            case Revocation.UserDeactivated:
                var user = before.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).Order(StringComparer.Ordinal).First();
                org.DeactivateUser(user);
                events.Add(Event("workspace_membership", "wm" + user, "removed", "workspace", org.WorkspaceGid));
                break;
            case Revocation.TaskMovedToPrivateProject:
                var target = data.Projects.First(p => p.PrivacySetting == PrivacySettings.Private).Gid;
                foreach (var p in data.Projects.Where(p => p.PrivacySetting != PrivacySettings.Private))
                {
                    var task = org.GetProjectTaskGids(p.Gid).FirstOrDefault(t => org.GetTask(t)!.Memberships.Count == 1);
                    if (task is null)
                    {
                        continue;
                    }

                    org.MoveTask(task, p.Gid, target);
                    events.Add(Event("task", task, "removed", "project", p.Gid));
                    events.Add(Event("task", task, "added", "project", target));
                    if (AnyRevoked())
                    {
                        break;
                    }
                }

                break;
            case Revocation.TaskDeleted:
                var doomed = data.Tasks.First(t => t.ParentGid is null && t.Memberships.Count > 0 && data.Tasks.Any(c => c.ParentGid == t.Gid)).Gid;
                org.DeleteTask(doomed);
                events.Add(Event("task", doomed, "deleted"));
                break;
        }

        // Webhook deliveries may repeat and arrive out of order: the refresh reads current state, so neither matters.
        events.AddRange(events.ToList());
        events.Reverse();
        return events;
    }

    private static List<string> Revoked(IReadOnlyDictionary<string, IReadOnlySet<string>> before, IReadOnlyDictionary<string, IReadOnlySet<string>> after) =>
        [.. before.SelectMany(kv => kv.Value.Where(t => !(after.TryGetValue(kv.Key, out var now) && now.Contains(t))).Select(t => $"{kv.Key}->{t}"))];

    private static AsanaEvent Event(string type, string gid, string action, string? parentType = null, string? parentGid = null) =>
        new(new AsanaReference(gid, type), action, parentType is null ? null : new AsanaReference(parentGid!, parentType), null, null, null);

    private static List<string> ActiveMembers(SimulatedOrganization org) =>
        [.. org.ToWorkspaceData().WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid)];
}
