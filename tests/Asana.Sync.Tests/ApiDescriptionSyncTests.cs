using System.Net;
using System.Text;
using Asana.Client;
using Asana.Permissions.Sources;
using Asana.Simulator;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Asana.Sync.Tests;

/// <summary>
/// The sync against what Asana's OpenAPI description documents, as the simulator now serves it: project streams that
/// stop at direct subtasks, a <c>modified_at</c> that moves neither when a task joins nor leaves a project, portfolios
/// that share access, records that may lack a gid, and personal tokens that see only what their user sees.
/// </summary>
public sealed class ApiDescriptionSyncTests(ITestOutputHelper output)
{
    private static SimulatedOrganization Org(int seed) => SimulatedOrganization.Generate(seed, OrganizationShape.Small);

    private static List<string> ActiveMembers(SimulatedOrganization org)
    {
        var data = org.ToWorkspaceData();
        var limited = data.TeamMemberships.Where(m => m.IsLimitedAccess).Select(m => m.UserGid).ToHashSet(StringComparer.Ordinal);
        return [.. data.WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest && !limited.Contains(m.UserGid)).Select(m => m.UserGid)];
    }

    [Fact]
    public async Task IncrementalSync_BelowADirectSubtask_RevokesARemovedFollower_AndDropsADeletedSubtask()
    {
        // A project's stream reaches its tasks and their direct subtasks, nothing deeper: these changes arrive on none.
        await using var harness = await SyncHarness.StartAsync(Org(31));
        var (org, store, client) = (harness.Org, harness.Store, harness.Client);
        var engine = new AsanaSyncEngine(client, store);
        var users = ActiveMembers(org);
        var vault = org.AddProject("Vault", PrivacySettings.Private, memberGids: [users[0]]);
        var plan = org.AddTask(vault, "Plan");
        var step = org.AddSubtask(plan, "Step");
        var detail = org.AddSubtask(step, "Detail", followerGids: [users[1]]);
        var gone = org.AddSubtask(step, "Gone", followerGids: [users[2]]);
        var deeper = org.AddSubtask(detail, "Deeper", followerGids: [users[3]]);
        await engine.SyncAsync(org.WorkspaceGid);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[1])).Should().Contain([detail, deeper]);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[2])).Should().Contain(gone);

        org.RemoveFollower(detail, users[1]);
        org.DeleteTask(gone);
        org.RemoveFollower(deeper, users[3]);
        var next = await engine.SyncAsync(org.WorkspaceGid);
        output.WriteLine($"{next.Calls.Total} calls: {string.Join(", ", next.Calls.ByKind.Select(kv => $"{kv.Key}={kv.Value}"))}");

        next.Mode.Should().Be(SyncMode.Incremental);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[1])).Should().NotContain([detail, deeper], "the removed follower loses access at this sync");
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[2])).Should().NotContain(gone, "a deleted subtask is visible to nobody");
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[3])).Should().NotContain(deeper);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[0])).Should().Contain([plan, step, detail, deeper]).And.NotContain(gone);
        next.Calls.ByKind.Should().ContainKey(ApiCallKinds.UnstreamedSubtasks);
        await Harness.ShouldBeExactAsync(store, org);
    }

    [Fact]
    public async Task IncrementalSync_WithLookback_KeepsAnOldTaskAnEventReportsInItsNewProject()
    {
        // Moving a task leaves its modified_at alone: the task is old by that field, but the events report the move.
        var org = Org(37);
        var orgClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        org.Clock = orgClock;
        await using var harness = await SyncHarness.StartAsync(org);
        var (store, client) = (harness.Store, harness.Client);
        var clock = new FakeTimeProvider(orgClock.GetUtcNow());
        var engine = new AsanaSyncEngine(client, store, new AsanaSyncOptions { LookbackDays = 30, FullSyncInterval = null }, null, clock);
        var users = ActiveMembers(org);
        var from = org.AddProject("From", PrivacySettings.Private, memberGids: [users[0]]);
        var to = org.AddProject("To", PrivacySettings.Private, memberGids: [users[1]]);
        var task = org.AddTask(from, "Long-lived plan");
        await engine.SyncAsync(org.WorkspaceGid);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[0])).Should().Contain(task);

        orgClock.Advance(TimeSpan.FromDays(60));
        clock.Advance(TimeSpan.FromDays(60));
        org.MoveTask(task, from, to);
        org.GetTask(task)!.ModifiedAt.Should().BeBefore(clock.GetUtcNow().AddDays(-30), "the move leaves modified_at alone");
        (await engine.SyncAsync(org.WorkspaceGid)).Mode.Should().Be(SyncMode.Incremental);

        (await store.ListAccessibleAsync(org.WorkspaceGid, users[1])).Should().Contain(task, "the task is in the project the user is a member of");
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[0])).Should().NotContain(task);
    }

    [Fact]
    public async Task FullSync_WithLookback_KeepsAnOldTaskTheListingReturnsBecauseItJoinedTheProject()
    {
        // GET /tasks?project=&modified_since= counts joining a project as a modification; modified_at does not show it.
        var org = Org(41);
        var orgClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        org.Clock = orgClock;
        var users = ActiveMembers(org);
        var from = org.AddProject("From", PrivacySettings.Private, memberGids: [users[0]]);
        var to = org.AddProject("To", PrivacySettings.Private, memberGids: [users[1]]);
        var task = org.AddTask(from, "Long-lived plan");
        orgClock.Advance(TimeSpan.FromDays(60));
        org.MoveTask(task, from, to);
        await using var harness = await SyncHarness.StartAsync(org);
        var (store, client) = (harness.Store, harness.Client);
        var engine = new AsanaSyncEngine(client, store, new AsanaSyncOptions { LookbackDays = 30 }, null, new FakeTimeProvider(orgClock.GetUtcNow()));

        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);

        (await store.ListAccessibleAsync(org.WorkspaceGid, users[1])).Should().Contain(task);
    }

    [Fact]
    public async Task IncrementalSync_PortfolioChanges_GrantAndRevokeAccessToTheProjectsItShares()
    {
        await using var harness = await SyncHarness.StartAsync(Org(43));
        var (org, store, client) = (harness.Org, harness.Store, harness.Client);
        var engine = new AsanaSyncEngine(client, store);
        var users = ActiveMembers(org);
        var vault = org.AddProject("Vault", PrivacySettings.Private, memberGids: [users[0]]);
        var secret = org.AddTask(vault, "Secret");
        var portfolio = org.AddPortfolio("Plans", users[0]);
        org.AddProjectToPortfolio(portfolio, vault, inheritAccess: false);
        org.AddPortfolioMember(portfolio, users[1]);
        await engine.SyncAsync(org.WorkspaceGid);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[1])).Should().NotContain(secret, "the portfolio holds the project without sharing its access");

        org.SetPortfolioAccessInheritance(portfolio, vault, true);
        await engine.SyncAsync(org.WorkspaceGid);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[1])).Should().Contain(secret);
        var decision = await store.ExplainAsync(org.WorkspaceGid, users[1], secret);
        decision.Because.Should().ContainSingle().Which.Kind.Should().Be(Asana.Permissions.GrantKind.PortfolioMember);

        org.RemovePortfolioMember(portfolio, users[1]);
        (await engine.SyncAsync(org.WorkspaceGid)).Mode.Should().Be(SyncMode.Incremental);
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[1])).Should().NotContain(secret, "a removed portfolio member loses access at the next sync");
        await Harness.ShouldBeExactAsync(store, org);
    }

    [Fact]
    public async Task FullSync_PortfoliosUnreadable_WarnsAndGrantsNothingThroughThem()
    {
        var org = Org(47);
        var users = ActiveMembers(org);
        var vault = org.AddProject("Vault", PrivacySettings.Private, memberGids: [users[0]]);
        var secret = org.AddTask(vault, "Secret");
        var portfolio = org.AddPortfolio("Plans", users[0]);
        org.AddProjectToPortfolio(portfolio, vault, inheritAccess: true);
        org.AddPortfolioMember(portfolio, users[1]);
        await using var harness = await SyncHarness.StartAsync(org);
        harness.Sim.Faults.FailNext(1, FaultKind.PaymentRequired, RequestKind.Portfolios);
        var (store, client) = (harness.Store, harness.Client);

        var result = await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);

        result.Warnings.Should().ContainSingle(w => w.Code == "portfolios_unreadable");
        (await store.ListAccessibleAsync(org.WorkspaceGid, users[1])).Should().NotContain(secret, "a grant that could not be read is absent");
        var cmp = await Harness.CompareAsync(store, org, Harness.Undiscoverable(org.ToWorkspaceData()));
        cmp.OverGrants.Should().BeEmpty();
        cmp.UnderGrants.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Sync_ARecordWithoutGid_FailsWithOneLineNamingTheEndpoint_AndWritesNothing()
    {
        await using var harness = await SyncHarness.StartAsync(Org(53));
        var (org, sim, store, good) = (harness.Org, harness.Sim, harness.Store, harness.Client);
        await new AsanaSyncEngine(good, store).SyncAsync(org.WorkspaceGid);
        var before = await store.LoadAsync(org.WorkspaceGid);
        var project = org.GetProjectGids()[0];
        var users = ActiveMembers(org);
        org.AddTask(project, "Added after the first sync", assigneeGid: users[0]);

        using var client = AsanaClient.Create(
            new AsanaClientOptions { BaseAddress = sim.BaseAddress, AccessToken = sim.AccessToken, MaxRetryAttempts = 1 },
            innerHandler: new GidStripper($"/projects/{project}/tasks") { InnerHandler = new SocketsHttpHandler() });
        var act = () => new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);

        var error = (await act.Should().ThrowAsync<AsanaSyncException>()).Which;
        error.Message.Should().Contain($"without a 'gid' from /projects/{project}/tasks").And.NotContain("\n").And.NotContain(sim.AccessToken);
        var after = await store.LoadAsync(org.WorkspaceGid);
        after!.Data.Should().BeEquivalentTo(before!.Data, "a failed sync leaves the store as it was");
        after.State.Should().BeEquivalentTo(before.State);
    }

    [Fact]
    public async Task PersonalToken_FullAndIncrementalSyncs_NeverOverGrant()
    {
        // A personal token sees only what its user sees: the rest is an under-grant, never an over-grant.
        var org = SimulatedOrganization.Generate(59, OrganizationShape.Demo);
        await using var sim = await SimulatedAsana.StartAsync(org);
        var users = ActiveMembers(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim, token: sim.IssuePersonalAccessToken(users[0]));
        var engine = new AsanaSyncEngine(client, store);

        var full = await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var cmp = await Harness.CompareAsync(store, org);
        cmp.OverGrants.Should().BeEmpty();

        // Where the under-grants come from: tasks the token cannot read at all, or readable tasks whose grant it cannot
        // read (a project placement hidden from it, a portfolio it does not own).
        var readable = org.ExpectedVisibility()[users[0]];
        var hiddenTasks = cmp.UnderGrants.Count(p => !readable.Contains(p[(p.IndexOf("->", StringComparison.Ordinal) + 2)..]));
        output.WriteLine($"full: {cmp.Pairs} visible (user, task) pairs, {cmp.UnderGrants.Count} under-granted ({100.0 * cmp.UnderGrants.Count / cmp.Pairs:F1}%): "
            + $"{hiddenTasks} on tasks the token cannot read, {cmp.UnderGrants.Count - hiddenTasks} on readable tasks through a grant it cannot read; "
            + $"the token's user sees {readable.Count} of {org.TaskCount} tasks; warnings: {string.Join(", ", full.Warnings.GroupBy(w => w.Code).Select(g => $"{g.Key}={g.Count()}"))}");

        var data = org.ToWorkspaceData();
        var project = data.Projects.First(p => p.PrivacySetting == PrivacySettings.Private).Gid;
        org.AddTask(project, "New private work", assigneeGid: users[1]);
        org.DeactivateUser(users[2]);
        var member = data.ProjectMemberships.First(m => m.MemberKind == MemberKind.User && m.MemberGid != users[0]);
        org.RemoveProjectMember(member.ProjectGid, member.MemberGid);
        var incremental = await engine.SyncAsync(org.WorkspaceGid);
        cmp = await Harness.CompareAsync(store, org);
        output.WriteLine($"incremental: {cmp.UnderGrants.Count} under-granted of {cmp.Pairs}");
        incremental.Mode.Should().Be(SyncMode.Incremental);
        cmp.OverGrants.Should().BeEmpty();
    }

    [Fact]
    public async Task PersonalToken_ASubtaskOfADeletedParentTheTokenCannotOpen_IsRemoved()
    {
        // The subtask is found through an assignee listing; its parent is in a project the token's user cannot see, so
        // no listing or stream covers it: when the parent is deleted (and the subtask with it), only a re-read tells.
        var org = Org(61);
        var users = ActiveMembers(org);
        var (viewer, owner) = (users[0], users[1]);
        var hidden = org.AddProject("Hidden", PrivacySettings.Private, memberGids: [owner]);
        var parent = org.AddTask(hidden, "Hidden parent");
        var subtask = org.AddSubtask(parent, "Shared step", assigneeGid: owner, followerGids: [viewer]);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim, token: sim.IssuePersonalAccessToken(viewer));
        var engine = new AsanaSyncEngine(client, store);
        await engine.SyncAsync(org.WorkspaceGid);
        (await store.ListAccessibleAsync(org.WorkspaceGid, viewer)).Should().Contain(subtask);

        org.DeleteTask(parent);
        (await engine.SyncAsync(org.WorkspaceGid)).Mode.Should().Be(SyncMode.Incremental);

        (await store.ListAccessibleAsync(org.WorkspaceGid, viewer)).Should().NotContain(subtask, "a deleted subtask is visible to nobody");
        (await store.ListAccessibleAsync(org.WorkspaceGid, owner)).Should().NotContain(subtask);
    }

    /// <summary>Removes the <c>gid</c> of the first task in answers to one path, as a broken proxy might.</summary>
    private sealed class GidStripper(string path) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK || request.RequestUri?.AbsolutePath.EndsWith(path, StringComparison.Ordinal) != true)
            {
                return response;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var at = body.IndexOf("\"gid\":", StringComparison.Ordinal);
            var end = body.IndexOf(',', at);
            response.Content = new StringContent(body.Remove(at, end - at + 1), Encoding.UTF8, "application/json");
            return response;
        }
    }
}
