using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Asana.Client;
using Asana.Client.Models;
using Asana.Simulator;

namespace Asana.Sync.Tests;

/// <summary>
/// Every record the sync reads, and every compact record nested in one, with its gid taken out on the wire: the sync
/// stops with one line naming the record and the endpoint, and the store keeps what the previous sync wrote.
/// </summary>
public sealed class MissingGidSyncTests
{
    /// <summary>(listing path below /api/1.0, * one segment; field taken out of its first record that has it, what the line names, incremental sync).</summary>
    public static TheoryData<string, string, string, bool> Cases => new()
    {
        { "/users", "gid", "a user without a 'gid' from /users", false },
        { "/workspaces/*/workspace_memberships", "gid", "a workspace membership without a 'gid' from /workspaces/{ws}/workspace_memberships", false },
        { "/workspaces/*/workspace_memberships", "user.gid", "a workspace membership's 'user' without a 'gid' from /workspaces/{ws}/workspace_memberships", false },
        { "/workspaces/*/teams", "gid", "a team without a 'gid' from /workspaces/{ws}/teams", false },
        { "/teams/*/team_memberships", "gid", "a team membership without a 'gid' from /teams/", false },
        { "/teams/*/team_memberships", "user.gid", "a team membership's 'user' without a 'gid' from /teams/", false },
        { "/teams/*/team_memberships", "team.gid", "a team membership's 'team' without a 'gid' from /teams/", false },
        { "/projects", "gid", "a project without a 'gid' from /projects", false },
        { "/projects", "team.gid", "a project's 'team' without a 'gid' from /projects", false },
        { "/memberships", "gid", "a membership without a 'gid' from /memberships", false },
        { "/memberships", "member.gid", "a membership's 'member' without a 'gid' from /memberships", false },
        { "/memberships", "parent.gid", "a membership's 'parent' without a 'gid' from /memberships", false },
        { "/portfolios", "gid", "a portfolio without a 'gid' from /portfolios", false },
        { "/portfolios/*/project_portfolio_settings", "gid", "a project portfolio setting without a 'gid' from /portfolios/", false },
        { "/portfolios/*/project_portfolio_settings", "project.gid", "a project portfolio setting's 'project' without a 'gid' from /portfolios/", false },
        { "/portfolios/*/project_portfolio_settings", "portfolio.gid", "a project portfolio setting's 'portfolio' without a 'gid' from /portfolios/", false },
        { "/projects/*/sections", "gid", "a section without a 'gid' from /projects/", false },
        { "/projects/*/sections", "project.gid", "a section's 'project' without a 'gid' from /projects/", false },
        { "/projects/*/tasks", "gid", "a task without a 'gid' from /projects/", false },
        { "/projects/*/tasks", "assignee.gid", "a task's 'assignee' without a 'gid' from /projects/", false },
        { "/projects/*/tasks", "followers.0.gid", "a task's 'followers' without a 'gid' from /projects/", false },
        { "/projects/*/tasks", "followers.0=null", "a null entry in place of a task's 'followers' from /projects/", false },
        { "/projects/*/tasks", "memberships.0.project.gid", "a task membership's 'project' without a 'gid' from /projects/", false },
        { "/projects/*/tasks", "memberships.0.section.gid", "a task membership's 'section' without a 'gid' from /projects/", false },
        { "/projects/*/tasks", "memberships.0=null", "a null entry in place of a task's 'memberships' from /projects/", false },
        { "/projects/*/tasks", "gid= ", "a task without a 'gid' from /projects/", false },
        { "/tasks/*/subtasks", "gid", "a task without a 'gid' from /tasks/", false },
        { "/tasks/*/subtasks", "parent.gid", "a task's 'parent' without a 'gid' from /tasks/", false },
        { "/tasks", "gid", "a task without a 'gid' from /tasks", false },
        { "/events", "resource.gid", "an event's 'resource' without a 'gid' from /events", true },
        { "/events", "resource", "an event without 'resource' from /events", true },
        { "/events", "parent.gid", "an event's 'parent' without a 'gid' from /events", true },
        { "/tasks/*", "gid", "a task without a 'gid' from /tasks/", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RecordWithoutGid_StopsTheSync_InOneLineNamingTheEndpoint_AndTheStoreKeepsItsData(string listing, string edit, string names, bool incremental)
    {
        var org = SimulatedOrganization.Generate(53, OrganizationShape.Small);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using (var good = Harness.Client(sim))
        {
            await new AsanaSyncEngine(good, store).SyncAsync(org.WorkspaceGid);
        }

        var before = await store.LoadAsync(org.WorkspaceGid);
        if (incremental)
        {
            // Events to read, and stored tasks to re-read: a new task with a subtask, a deleted one.
            var project = org.GetProjectGids()[0];
            org.AddSubtask(org.AddTask(project, "Added after the first sync"), "Below it");
            org.DeleteTask(org.ToWorkspaceData().Tasks.First(t => t.Memberships.Any(m => m.ProjectGid == project)).Gid);
        }

        var editor = new WireEditor(listing, edit) { InnerHandler = new SocketsHttpHandler() };
        using var client = AsanaClient.Create(
            new AsanaClientOptions { BaseAddress = sim.BaseAddress, AccessToken = sim.AccessToken, MaxRetryAttempts = 1 },
            innerHandler: editor);

        var act = () => new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, incremental ? SyncMode.Incremental : SyncMode.Full);

        var error = (await act.Should().ThrowAsync<AsanaSyncException>()).Which;
        editor.Edits.Should().BePositive("the case must reach a record of that shape");
        error.Message.Should().Contain("Asana returned " + names.Replace("{ws}", org.WorkspaceGid, StringComparison.Ordinal))
            .And.NotContain("\n").And.NotContain("..").And.NotContain(sim.AccessToken);
        var after = await store.LoadAsync(org.WorkspaceGid);
        after!.Data.Should().BeEquivalentTo(before!.Data, "a failed sync leaves the store as it was");
        after.State.Should().BeEquivalentTo(before.State);
    }

    /// <summary>(what the client returns without a gid, what the line names, incremental sync).</summary>
    public static TheoryData<string, string, bool> NonConformingCases => new()
    {
        { "user", "a user without a 'gid' from /users", false },
        { "workspace membership user", "a workspace membership's 'user' without a 'gid' from /workspaces/{ws}/workspace_memberships", false },
        { "team", "a team without a 'gid' from /workspaces/{ws}/teams", false },
        { "team membership user", "a team membership's 'user' without a 'gid' from /teams/", false },
        { "project", "a project without a 'gid' from /projects", false },
        { "project team", "a project's 'team' without a 'gid' from /projects", false },
        { "membership member", "a membership's 'member' without a 'gid' from /memberships", false },
        { "portfolio", "a portfolio without a 'gid' from /portfolios", false },
        { "portfolio setting project", "a project portfolio setting's 'project' without a 'gid' from /portfolios/", false },
        { "section", "a section without a 'gid' from /projects/", false },
        { "task", "a task without a 'gid' from /projects/", false },
        { "task assignee", "a task's 'assignee' without a 'gid' from /projects/", false },
        { "task follower", "a task's 'followers' without a 'gid' from /projects/", false },
        { "assigned task", "a task without a 'gid' from /tasks", false },
        { "subtask", "a task without a 'gid' from /tasks/", false },
        { "event resource", "an event's 'resource' without a 'gid' from /events", true },
        { "re-read task", "a task without a 'gid' from /tasks/", true },
    };

    [Theory]
    [MemberData(nameof(NonConformingCases))]
    public async Task AnotherClient_HandingOverARecordWithoutGid_StopsTheSyncTheSameWay(string record, string names, bool incremental)
    {
        // IAsanaClient is public (hosts write fakes and caches): a null gid must not reach a dictionary or an argument check.
        var org = SimulatedOrganization.Generate(53, OrganizationShape.Small);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var db = new TempDatabase();
        using var store = db.Open();
        using var real = Harness.Client(sim);
        await new AsanaSyncEngine(real, store).SyncAsync(org.WorkspaceGid);
        var before = await store.LoadAsync(org.WorkspaceGid);
        if (incremental)
        {
            var project = org.GetProjectGids()[0];
            org.AddSubtask(org.AddTask(project, "Added after the first sync"), "Below it");
            org.DeleteTask(org.ToWorkspaceData().Tasks.First(t => t.Memberships.Any(m => m.ProjectGid == project)).Gid);
        }

        var client = new GidDroppingClient(real, record);
        var act = () => new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, incremental ? SyncMode.Incremental : SyncMode.Full);

        var error = (await act.Should().ThrowAsync<AsanaSyncException>()).Which;
        client.Dropped.Should().BePositive("the case must reach a record of that kind");
        error.Message.Should().Contain("Asana returned " + names.Replace("{ws}", org.WorkspaceGid, StringComparison.Ordinal)).And.NotContain("\n");
        var after = await store.LoadAsync(org.WorkspaceGid);
        after!.Data.Should().BeEquivalentTo(before!.Data, "a failed sync leaves the store as it was");
        after.State.Should().BeEquivalentTo(before.State);
    }

    /// <summary>
    /// Edits the first record of a listing that has the field: <c>a.b</c> removes <c>b</c> from <c>a</c>, <c>a.0=null</c>
    /// replaces the first entry of <c>a</c> with null, <c>gid= </c> sets a value. <c>*</c> in the path is one segment.
    /// </summary>
    private sealed class WireEditor(string listing, string edit) : DelegatingHandler
    {
        private readonly Regex _path = new("/api/1\\.0" + Regex.Escape(listing).Replace("\\*", "[^/]+", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
        private int _edits;

        public int Edits => Volatile.Read(ref _edits);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK || !_path.IsMatch(request.RequestUri!.AbsolutePath))
            {
                return response;
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            var records = body["data"] is JsonArray list ? list.ToList() : [body["data"]];
            if (records.Any(Apply))
            {
                Interlocked.Increment(ref _edits);
            }

            response.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            return response;
        }

        private bool Apply(JsonNode? record)
        {
            var (path, value) = edit.Split('=') is [var p, var v] ? (p, v) : (edit, null);
            var segments = path.Split('.');
            var parent = record;
            foreach (var segment in segments[..^1])
            {
                parent = parent switch
                {
                    JsonObject o => o[segment],
                    JsonArray a when int.TryParse(segment, out var i) && i < a.Count => a[i],
                    _ => null,
                };
            }

            var last = segments[^1];
            switch (parent)
            {
                case JsonObject o when o.ContainsKey(last):
                    if (value is null)
                    {
                        o.Remove(last);
                    }
                    else
                    {
                        o[last] = value;
                    }

                    return true;
                case JsonArray a when int.TryParse(last, out var index) && index < a.Count:
                    a[index] = value is "null" ? null : JsonValue.Create(value);
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>A real client whose answers lose one gid: the first record of one kind (with a gid to lose) comes without it.</summary>
    private sealed class GidDroppingClient(IAsanaClient inner, string record) : IAsanaClient
    {
        private int _dropped;

        public int Dropped => Volatile.Read(ref _dropped);

        public AsanaPageable<AsanaWorkspace> GetWorkspacesAsync(CancellationToken cancellationToken = default) => inner.GetWorkspacesAsync(cancellationToken);

        public Task<AsanaWorkspace> GetWorkspaceAsync(string workspaceGid, CancellationToken cancellationToken = default) => inner.GetWorkspaceAsync(workspaceGid, cancellationToken);

        public AsanaPageable<AsanaUser> GetUsersAsync(string workspaceGid, CancellationToken cancellationToken = default) =>
            Drop(inner.GetUsersAsync(workspaceGid, cancellationToken), "user", u => u with { Gid = null! });

        public AsanaPageable<AsanaWorkspaceMembership> GetWorkspaceMembershipsAsync(string workspaceGid, CancellationToken cancellationToken = default) =>
            Drop(inner.GetWorkspaceMembershipsAsync(workspaceGid, cancellationToken), "workspace membership user", m => m with { User = m.User with { Gid = null! } });

        public AsanaPageable<AsanaTeam> GetTeamsAsync(string workspaceGid, CancellationToken cancellationToken = default) =>
            Drop(inner.GetTeamsAsync(workspaceGid, cancellationToken), "team", t => t with { Gid = null! });

        public AsanaPageable<AsanaTeamMembership> GetTeamMembershipsAsync(string teamGid, CancellationToken cancellationToken = default) =>
            Drop(inner.GetTeamMembershipsAsync(teamGid, cancellationToken), "team membership user", m => m with { User = m.User with { Gid = null! } });

        public AsanaPageable<AsanaProject> GetProjectsAsync(string workspaceGid, CancellationToken cancellationToken = default) =>
            Drop(Drop(inner.GetProjectsAsync(workspaceGid, cancellationToken), "project", p => p with { Gid = null! }),
                "project team", p => p.Team is null ? null : p with { Team = p.Team with { Gid = " " } });

        public Task<AsanaProject> GetProjectAsync(string projectGid, CancellationToken cancellationToken = default) => inner.GetProjectAsync(projectGid, cancellationToken);

        public AsanaPageable<AsanaMembership> GetMembershipsAsync(string parentGid, CancellationToken cancellationToken = default) =>
            Drop(inner.GetMembershipsAsync(parentGid, cancellationToken), "membership member", m => m with { Member = m.Member with { Gid = null! } });

        public AsanaPageable<AsanaPortfolio> GetPortfoliosAsync(string workspaceGid, CancellationToken cancellationToken = default) =>
            Drop(inner.GetPortfoliosAsync(workspaceGid, cancellationToken), "portfolio", p => p with { Gid = null! });

        public AsanaPageable<AsanaProjectPortfolioSetting> GetProjectPortfolioSettingsAsync(string portfolioGid, CancellationToken cancellationToken = default) =>
            Drop(inner.GetProjectPortfolioSettingsAsync(portfolioGid, cancellationToken), "portfolio setting project", s => s with { Project = s.Project with { Gid = null! } });

        public AsanaPageable<AsanaSection> GetSectionsAsync(string projectGid, CancellationToken cancellationToken = default) =>
            Drop(inner.GetSectionsAsync(projectGid, cancellationToken), "section", s => s with { Gid = null! });

        public AsanaPageable<AsanaTask> GetTasksForProjectAsync(string projectGid, DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default) =>
            Drop(Drop(Drop(inner.GetTasksForProjectAsync(projectGid, modifiedSince, cancellationToken), "task", t => t with { Gid = null! }),
                "task assignee", t => t.Assignee is null ? null : t with { Assignee = t.Assignee with { Gid = null! } }),
                "task follower", t => t.Followers is not { Count: > 0 } ? null : t with { Followers = [null!, .. t.Followers] });

        public AsanaPageable<AsanaTask> GetTasksForAssigneeAsync(string workspaceGid, string assigneeGid, DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default) =>
            Drop(inner.GetTasksForAssigneeAsync(workspaceGid, assigneeGid, modifiedSince, cancellationToken), "assigned task", t => t with { Gid = null! });

        public AsanaPageable<AsanaTask> GetTasksForUserTaskListAsync(string userTaskListGid, CancellationToken cancellationToken = default) => inner.GetTasksForUserTaskListAsync(userTaskListGid, cancellationToken);

        public async Task<AsanaTask> GetTaskAsync(string taskGid, CancellationToken cancellationToken = default)
        {
            var task = await inner.GetTaskAsync(taskGid, cancellationToken);
            return record == "re-read task" && Interlocked.Increment(ref _dropped) > 0 ? task with { Gid = null! } : task;
        }

        public AsanaPageable<AsanaTask> GetSubtasksAsync(string taskGid, CancellationToken cancellationToken = default) =>
            Drop(inner.GetSubtasksAsync(taskGid, cancellationToken), "subtask", t => t with { Gid = null! });

        public Task<AsanaTaskSearchResult> SearchTasksAsync(string workspaceGid, AsanaTaskSearch search, CancellationToken cancellationToken = default) => inner.SearchTasksAsync(workspaceGid, search, cancellationToken);

        public async Task<AsanaEventBatch> GetEventsAsync(string resourceGid, string? syncToken, CancellationToken cancellationToken = default)
        {
            var batch = await inner.GetEventsAsync(resourceGid, syncToken, cancellationToken);
            if (record != "event resource" || batch.Events.Count == 0)
            {
                return batch;
            }

            Interlocked.Increment(ref _dropped);
            return batch with { Events = [batch.Events[0] with { Resource = batch.Events[0].Resource! with { Gid = null! } }, .. batch.Events.Skip(1)] };
        }

        public AsanaPageable<AsanaWebhook> GetWebhooksAsync(string workspaceGid, string? resourceGid = null, CancellationToken cancellationToken = default) =>
            inner.GetWebhooksAsync(workspaceGid, resourceGid, cancellationToken);

        public Task<AsanaWebhook> CreateWebhookAsync(string resourceGid, Uri target, IReadOnlyList<AsanaWebhookFilter>? filters = null, CancellationToken cancellationToken = default) =>
            inner.CreateWebhookAsync(resourceGid, target, filters, cancellationToken);

        public Task DeleteWebhookAsync(string webhookGid, CancellationToken cancellationToken = default) => inner.DeleteWebhookAsync(webhookGid, cancellationToken);

        /// <summary>Pages of <paramref name="source"/>, the first item <paramref name="drop"/> can change changed (null: it cannot).</summary>
        private AsanaPageable<T> Drop<T>(AsanaPageable<T> source, string kind, Func<T, T?> drop)
            where T : class =>
            kind != record ? source : new AsanaPageable<T>(async (offset, size, ct) =>
            {
                await using var pages = source.AsPages(offset, size).GetAsyncEnumerator(ct);
                if (!await pages.MoveNextAsync())
                {
                    return new AsanaPage<T>([], null);
                }

                var items = pages.Current.Items.ToList();
                var index = items.FindIndex(i => drop(i) is not null);
                if (index >= 0 && Interlocked.Increment(ref _dropped) > 0)
                {
                    items[index] = drop(items[index])!;
                }

                return new AsanaPage<T>(items, pages.Current.NextOffset);
            });
    }
}
