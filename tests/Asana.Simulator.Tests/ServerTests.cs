using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Asana.Simulator.Tests;

public sealed class ServerTests
{
    [Fact]
    public async Task Paging_with_limit_reaches_every_task_of_a_project_exactly_once()
    {
        var (server, http) = await ServerFixture.StartAsync();
        await using var _ = server;
        using var __ = http;
        var project = server.Organization.GetProjectGids()[0];
        var expected = server.Organization.GetProjectTaskGids(project);

        var items = await http.GetAllAsync($"projects/{project}/tasks", limit: 3);

        items.Select(i => i["gid"]!.GetValue<string>()).Should().Equal(expected);
        server.Requests.Count(RequestKind.Tasks).Should().Be((expected.Count + 2) / 3);
    }

    [Fact]
    public async Task Next_page_carries_offset_path_and_uri_and_is_null_on_the_last_page()
    {
        var (server, http) = await ServerFixture.StartAsync();
        await using var _ = server;
        using var __ = http;
        var ws = server.Organization.WorkspaceGid;

        var (_, first) = await http.GetJsonAsync($"users?workspace={ws}&limit=5");
        var next = first!["next_page"]!;
        next["path"]!.GetValue<string>().Should().StartWith("/users?").And.Contain("offset=");
        next["uri"]!.GetValue<string>().Should().StartWith(server.BaseAddress.ToString().TrimEnd('/') + "/users?");

        var (_, all) = await http.GetJsonAsync($"users?workspace={ws}&limit=100");
        all!["next_page"].Should().BeNull();
        all.AsObject().ContainsKey("next_page").Should().BeTrue();
    }

    [Fact]
    public async Task Limit_above_100_and_unknown_or_expired_offsets_are_400()
    {
        var (server, http) = await ServerFixture.StartAsync();
        await using var _ = server;
        using var __ = http;
        var ws = server.Organization.WorkspaceGid;

        (await http.GetJsonAsync($"users?workspace={ws}&limit=101")).Status.Should().Be(400);
        (await http.GetJsonAsync($"users?workspace={ws}&limit=2&offset=bogus")).Status.Should().Be(400);

        var (_, page) = await http.GetJsonAsync($"users?workspace={ws}&limit=2");
        var offset = page!["next_page"]!["offset"]!.GetValue<string>();
        server.ExpireOffsets();
        var (status, error) = await http.GetJsonAsync($"users?workspace={ws}&limit=2&offset={offset}");
        status.Should().Be(400);
        error!["errors"]![0]!["message"]!.GetValue<string>().Should().Contain("offset");
    }

    [Fact]
    public async Task Opt_fields_are_honoured_and_lists_are_compact_without_them()
    {
        var (server, http) = await ServerFixture.StartAsync();
        await using var _ = server;
        using var __ = http;
        var project = server.Organization.GetProjectGids()[0];

        var (_, compact) = await http.GetJsonAsync($"projects/{project}/tasks?limit=1");
        var task = compact!["data"]![0]!.AsObject();
        task.Select(p => p.Key).Should().BeEquivalentTo("gid", "resource_type", "name", "resource_subtype");

        var (_, full) = await http.GetJsonAsync($"projects/{project}/tasks?limit=1&opt_fields=assignee,followers.email,memberships.project,memberships.section.name,parent,num_subtasks");
        var t = full!["data"]![0]!.AsObject();
        t.Select(p => p.Key).Should().BeEquivalentTo("gid", "assignee", "followers", "memberships", "parent", "num_subtasks");
        t["memberships"]![0]!["project"]!["resource_type"]!.GetValue<string>().Should().Be("project");
        t["memberships"]![0]!["section"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("gid", "name");
        foreach (var follower in t["followers"]!.AsArray())
        {
            follower!["email"]!.GetValue<string>().Should().Contain("@");
        }

        // /memberships declares no opt-in field: its compact record carries parent, member and access_level.
        var (_, members) = await http.GetJsonAsync($"memberships?parent={project}&limit=100");
        var membership = members!["data"]![0]!.AsObject();
        membership.Select(p => p.Key).Should().BeEquivalentTo("gid", "resource_type", "resource_subtype", "parent", "member", "access_level");
        membership["parent"]!["gid"]!.GetValue<string>().Should().Be(project);
        membership["member"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("gid", "resource_type", "name");
        membership["member"]!["resource_type"]!.GetValue<string>().Should().BeOneOf("user", "team");
        var (_, withMember) = await http.GetJsonAsync($"memberships?parent={project}&limit=100&opt_fields=member,member.resource_type,parent");
        withMember!["data"]![0]!["member"]!["resource_type"]!.GetValue<string>().Should().BeOneOf("user", "team");
    }

    [Fact]
    public async Task A_wrong_or_missing_token_is_401_and_revocation_too()
    {
        var (server, http) = await ServerFixture.StartAsync();
        await using var _ = server;
        using var __ = http;
        using var wrong = new HttpClient { BaseAddress = server.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nope");

        var (status, body) = await wrong.GetJsonAsync("workspaces");
        status.Should().Be(401);
        body!["errors"]![0]!["message"].Should().NotBeNull();

        server.Faults.RejectAllTokens = true;
        (await http.GetJsonAsync("workspaces")).Status.Should().Be(401);
        server.Requests.TotalRejected.Should().Be(2);
    }

    [Fact]
    public async Task Events_answer_412_with_a_fresh_token_then_deliver_changes_including_subtask_bubbling()
    {
        var (server, http) = await ServerFixture.StartAsync();
        await using var _ = server;
        using var __ = http;
        var org = server.Organization;
        var project = org.GetProjectGids()[0];

        var (status, reset) = await http.GetJsonAsync($"events?resource={project}");
        status.Should().Be(412);
        var sync = reset!["sync"]!.GetValue<string>();

        var (okStatus, empty) = await http.GetJsonAsync($"events?resource={project}&sync={sync}");
        okStatus.Should().Be(200);
        empty!["data"]!.AsArray().Should().BeEmpty();
        sync = empty["sync"]!.GetValue<string>();

        var task = org.AddTask(project, "Draft launch brief");
        var sub = org.AddSubtask(task, "Collect quotes");
        org.UpdateTask(sub, name: "Collect three quotes");

        var (_, batch) = await http.GetJsonAsync($"events?resource={project}&sync={sync}");
        var events = batch!["data"]!.AsArray();
        events.Select(e => (e!["resource"]!["gid"]!.GetValue<string>(), e["action"]!.GetValue<string>()))
            .Should().Equal((task, "added"), (sub, "added"), (sub, "changed"));
        events[0]!["parent"]!["gid"]!.GetValue<string>().Should().Be(project);
        events[2]!["change"]!["field"]!.GetValue<string>().Should().Be("name");
        batch["has_more"]!.GetValue<bool>().Should().BeFalse();

        server.ExpireSyncTokens();
        (await http.GetJsonAsync($"events?resource={project}&sync={batch["sync"]!.GetValue<string>()}")).Status.Should().Be(412);
    }

    [Fact]
    public async Task More_than_100_events_come_in_batches_with_has_more()
    {
        var (server, http) = await ServerFixture.StartAsync();
        await using var _ = server;
        using var __ = http;
        var project = server.Organization.GetProjectGids()[1];
        var sync = (await http.GetJsonAsync($"events?resource={project}")).Body!["sync"]!.GetValue<string>();
        for (var i = 0; i < 130; i++)
        {
            server.Organization.AddTask(project, $"Task {i}");
        }

        var (_, first) = await http.GetJsonAsync($"events?resource={project}&sync={sync}");
        first!["data"]!.AsArray().Count.Should().Be(100);
        first["has_more"]!.GetValue<bool>().Should().BeTrue();
        var (_, second) = await http.GetJsonAsync($"events?resource={project}&sync={first["sync"]!.GetValue<string>()}");
        second!["data"]!.AsArray().Count.Should().Be(30);
        second["has_more"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Project_task_lists_leave_out_subtasks_which_come_from_the_subtasks_endpoint()
    {
        var (server, http) = await ServerFixture.StartAsync();
        await using var _ = server;
        using var __ = http;
        var org = server.Organization;
        var data = org.ToWorkspaceData();
        var parent = data.Tasks.First(t => t.ParentGid is null && t.Memberships.Count > 0 && data.Tasks.Any(s => s.ParentGid == t.Gid && s.Memberships.Count == 0));
        var project = parent.Memberships[0].ProjectGid;
        var children = data.Tasks.Where(s => s.ParentGid == parent.Gid).Select(s => s.Gid).ToList();

        var listed = (await http.GetAllAsync($"projects/{project}/tasks?opt_fields=parent", 100)).Select(t => t["gid"]!.GetValue<string>()).ToList();
        listed.Should().Contain(parent.Gid);
        listed.Should().NotContain(children.Where(c => data.Tasks.Single(t => t.Gid == c).Memberships.Count == 0));

        var subs = await http.GetAllAsync($"tasks/{parent.Gid}/subtasks?opt_fields=parent,name");
        subs.Select(s => s["gid"]!.GetValue<string>()).Should().Equal(children);
        subs.Should().OnlyContain(s => s["parent"]!["gid"]!.GetValue<string>() == parent.Gid);
    }

    [Fact]
    public async Task Teams_of_a_plain_workspace_is_400_and_search_is_402_without_premium()
    {
        var org = SimulatedOrganization.Generate(3, OrganizationShape.Small with { IsOrganization = false });
        var (server, http) = await ServerFixture.StartAsync(org);
        await using var _ = server;
        using var __ = http;
        (await http.GetJsonAsync($"workspaces/{org.WorkspaceGid}/teams?limit=10")).Status.Should().Be(400);
        (await http.GetJsonAsync($"workspaces/{org.WorkspaceGid}/tasks/search?text=brief")).Status.Should().Be(402);
    }

    [Fact]
    public async Task Premium_search_finds_text_in_notes()
    {
        var org = SimulatedOrganization.Generate(3, OrganizationShape.Small);
        var task = org.AddProjectlessTask("Quarterly thing", org.GetUserGids()[0], notes: "mentions the zebra migration");
        var (server, http) = await ServerFixture.StartAsync(org, new SimulatorOptions { PremiumSearch = true });
        await using var _ = server;
        using var __ = http;
        var (status, body) = await http.GetJsonAsync($"workspaces/{org.WorkspaceGid}/tasks/search?text=zebra&resource_subtype=default_task&opt_fields=name,notes");
        status.Should().Be(200);
        body!["data"]!.AsArray().Select(t => t!["gid"]!.GetValue<string>()).Should().Equal(task);
        body.AsObject().ContainsKey("next_page").Should().BeFalse();
        (await http.GetJsonAsync($"workspaces/{org.WorkspaceGid}/tasks/search?text=zebra")).Body!["data"]!.AsArray()
            .Should().BeEmpty("without resource_subtype search looks for milestones only");
    }

    [Fact]
    public async Task Faults_429_with_retry_after_5xx_resets_truncation_and_project_403()
    {
        var (server, http) = await ServerFixture.StartAsync();
        await using var _ = server;
        using var __ = http;
        var ws = server.Organization.WorkspaceGid;
        var project = server.Organization.GetProjectGids()[0];

        server.Faults.RetryAfter = TimeSpan.FromSeconds(3);
        server.Faults.FailNth(2, FaultKind.TooManyRequests);
        (await http.GetJsonAsync("workspaces")).Status.Should().Be(200);
        using (var limited = await http.GetAsync(new Uri("workspaces", UriKind.Relative)))
        {
            ((int)limited.StatusCode).Should().Be(429);
            limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
        }

        server.Faults.Clear();
        server.Faults.FailNext(1, FaultKind.BadGateway);
        using (var gateway = await http.GetAsync(new Uri("workspaces", UriKind.Relative)))
        {
            ((int)gateway.StatusCode).Should().Be(502);
            gateway.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        }

        server.Faults.FailNext(1, FaultKind.ConnectionReset);
        await FluentActions.Awaiting(() => http.GetAsync(new Uri("workspaces", UriKind.Relative))).Should().ThrowAsync<HttpRequestException>();

        server.Faults.FailNext(1, FaultKind.TruncatedBody);
        await FluentActions.Awaiting(async () =>
        {
            using var response = await http.GetAsync(new Uri($"users?workspace={ws}&limit=50", UriKind.Relative));
            JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }).Should().ThrowAsync<Exception>();

        server.Faults.FailProject(project, 403);
        (await http.GetJsonAsync($"memberships?parent={project}&limit=10")).Status.Should().Be(403);
        (await http.GetJsonAsync($"projects/{project}/tasks?limit=10")).Status.Should().Be(403);
        (await http.GetJsonAsync($"projects/{project}/sections?limit=10")).Status.Should().Be(200);

        server.Faults.Clear();
        server.Faults.FailAfter(1, FaultKind.ServiceUnavailable, RequestKind.Users);
        (await http.GetJsonAsync($"users?workspace={ws}&limit=5")).Status.Should().Be(200);
        (await http.GetJsonAsync($"users?workspace={ws}&limit=5")).Status.Should().Be(503);
        (await http.GetJsonAsync("workspaces")).Status.Should().Be(200);
    }

    [Fact]
    public async Task Unpaginated_large_lists_are_rejected_like_asana()
    {
        var (server, http) = await ServerFixture.StartAsync(SimulatedOrganization.Generate(1, OrganizationShape.Small with { TasksPerProject = 200 }));
        await using var _ = server;
        using var __ = http;
        var project = server.Organization.GetProjectGids()[0];
        var (status, body) = await http.GetJsonAsync($"projects/{project}/tasks");
        status.Should().Be(400);
        body!["errors"]![0]!["message"]!.GetValue<string>().Should().Contain("too large");
    }

    [Fact]
    public async Task Every_client_endpoint_answers()
    {
        var (server, http) = await ServerFixture.StartAsync(options: new SimulatorOptions { PremiumSearch = true });
        await using var _ = server;
        using var __ = http;
        var org = server.Organization;
        var data = org.ToWorkspaceData();
        var ws = org.WorkspaceGid;
        var user = data.Users[0].Gid;
        var team = data.Teams[0].Gid;
        var project = data.Projects[0].Gid;
        var task = data.Tasks[0].Gid;

        string[] urls =
        [
            "workspaces?limit=10", $"workspaces/{ws}", $"users?workspace={ws}&limit=10",
            $"workspaces/{ws}/workspace_memberships?limit=10&opt_fields=user,is_active,is_admin,is_guest",
            $"workspaces/{ws}/teams?limit=10", $"teams/{team}/team_memberships?limit=10&opt_fields=user,team,is_guest",
            $"projects?workspace={ws}&limit=10&opt_fields=privacy_setting,team,archived", $"projects/{project}",
            $"memberships?parent={project}&limit=10", $"projects/{project}/sections?limit=10",
            $"projects/{project}/tasks?limit=10", $"tasks?project={project}&modified_since=2020-01-01T00:00:00Z&limit=10",
            $"tasks?assignee={user}&workspace={ws}&limit=10", $"users/{user}/user_task_list?workspace={ws}",
            $"tasks/{task}", $"tasks/{task}/subtasks?limit=10", $"workspaces/{ws}/tasks/search?text=the",
        ];
        foreach (var url in urls)
        {
            var (status, body) = await http.GetJsonAsync(url);
            status.Should().Be(200, url);
            body!["data"].Should().NotBeNull(url);
        }

        var list = (await http.GetJsonAsync($"users/{user}/user_task_list?workspace={ws}")).Body!["data"]!["gid"]!.GetValue<string>();
        (await http.GetJsonAsync($"user_task_lists/{list}/tasks?limit=10")).Status.Should().Be(200);
        server.Requests.Count(RequestKind.AssigneeTasks).Should().Be(2);
        server.Requests.Count(RequestKind.Search).Should().Be(1);
        server.Requests.Total.Should().Be(urls.Length + 2);
    }

    [Fact]
    public async Task Dispose_stops_the_server()
    {
        var (server, http) = await ServerFixture.StartAsync();
        using var __ = http;
        (await http.GetJsonAsync("workspaces")).Status.Should().Be(200);
        await server.DisposeAsync();
        await FluentActions.Awaiting(() => http.GetAsync(new Uri("workspaces", UriKind.Relative))).Should().ThrowAsync<HttpRequestException>();
    }
}
