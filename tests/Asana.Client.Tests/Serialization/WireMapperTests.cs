using System.Text.RegularExpressions;
using Asana.Client.Models;
using Asana.Client.Tests.TestSupport;

namespace Asana.Client.Tests.Serialization;

/// <summary>
/// What the client makes of records that lack fields: permission-bearing flags fail closed, fields the request implies
/// are taken from the request, and a record without a gid fails once (not retried) with a line naming the endpoint.
/// </summary>
public sealed class WireMapperTests : IClassFixture<AsanaServer>, IDisposable
{
    private readonly AsanaServer _server;
    private readonly AsanaClient _client;

    public WireMapperTests(AsanaServer server)
    {
        _server = server;
        _server.Reset();
        // Retries on: a bad record must still be read once only.
        _client = TestClients.Create(server.BaseAddress, o => o.MaxRetryAttempts = 3);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task WorkspaceMembership_WithoutIsActiveAndIsGuest_ReadsAsInactiveGuest()
    {
        _server.Respond(
            _server.Get("/workspaces/12345/workspace_memberships"),
            AsanaServer.JsonBody("""{"data": [{"gid": "555", "user": {"gid": "2", "resource_type": "user"}}], "next_page": null}"""));

        var membership = (await _client.GetWorkspaceMembershipsAsync("12345").ToListAsync()).Single();

        membership.Should().Be(new AsanaWorkspaceMembership("555", new AsanaReference("2", "user"), IsActive: false, IsAdmin: false, IsGuest: true));
    }

    [Fact]
    public async Task WorkspaceMembership_WithFlags_ReadsThemAsSent()
    {
        _server.Respond(
            _server.Get("/workspaces/12345/workspace_memberships"),
            AsanaServer.JsonBody("""{"data": [{"gid": "555", "user": {"gid": "2"}, "is_active": true, "is_guest": false, "is_admin": true}], "next_page": null}"""));

        var membership = (await _client.GetWorkspaceMembershipsAsync("12345").ToListAsync()).Single();

        membership.Should().Be(new AsanaWorkspaceMembership("555", new AsanaReference("2"), IsActive: true, IsAdmin: true, IsGuest: false));
    }

    [Fact]
    public async Task TeamMembership_WithoutFlagsAndTeam_ReadsAsLimitedAccessGuestOfTheTeamListed()
    {
        _server.Respond(
            _server.Get("/teams/700/team_memberships"),
            AsanaServer.JsonBody("""{"data": [{"gid": "800", "user": {"gid": "2", "resource_type": "user"}}], "next_page": null}"""));

        var membership = (await _client.GetTeamMembershipsAsync("700").ToListAsync()).Single();

        membership.Should().Be(new AsanaTeamMembership("800", new AsanaReference("2", "user"), new AsanaReference("700", "team"), IsGuest: true, IsAdmin: false, IsLimitedAccess: true));
    }

    [Fact]
    public async Task TaskList_RecordWithoutGid_FailsOnceNamingTheEndpoint()
    {
        _server.Respond(
            _server.Get("/projects/123/tasks"),
            AsanaServer.JsonBody("""{"data": [{"gid": "1"}, {"name": "no gid"}], "next_page": null}"""));

        var act = async () => await _client.GetTasksForProjectAsync("123").ToListAsync();

        var error = (await act.Should().ThrowAsync<AsanaApiException>()).Which;
        error.Message.Should().Contain("Asana returned a task without a 'gid' from /projects/123/tasks");
        error.Message.Should().NotContain("\n");
        error.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        error.RequestPath.Should().Be("/projects/123/tasks");
        _server.Requests.Should().ContainSingle("a well-formed body that lacks a field is not transient: it is not retried");
    }

    [Fact]
    public async Task TaskList_NullGid_FailsNamingTheEndpoint()
    {
        _server.Respond(_server.Get("/users"), AsanaServer.JsonBody("""{"data": [{"gid": null}]}"""));

        var act = async () => await _client.GetUsersAsync("12345").ToListAsync();

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("Asana returned a user without a 'gid' from /users");
        _server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task SingleTask_WithoutGid_FailsNamingTheEndpoint()
    {
        _server.Respond(_server.Get("/tasks/1200"), AsanaServer.JsonBody("""{"data": {"name": "no gid"}}"""));

        var act = () => _client.GetTaskAsync("1200");

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("Asana returned a task without a 'gid' from /tasks/1200");
    }

    [Fact]
    public async Task SingleProject_WithoutData_FailsNamingTheEndpoint()
    {
        _server.Respond(_server.Get("/projects/900"), AsanaServer.JsonBody("""{"data": null}"""));

        var act = () => _client.GetProjectAsync("900");

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("no 'data' object from /projects/900");
    }

    [Fact]
    public async Task Task_FollowerWithoutGid_FailsNamingTheFieldAndEndpoint()
    {
        _server.Respond(
            _server.Get("/tasks/1200/subtasks"),
            AsanaServer.JsonBody("""{"data": [{"gid": "1", "followers": [{"gid": "2"}, {"resource_type": "user"}]}], "next_page": null}"""));

        var act = async () => await _client.GetSubtasksAsync("1200").ToListAsync();

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("Asana returned a task's 'followers' without a 'gid' from /tasks/1200/subtasks");
    }

    [Fact]
    public async Task Page_NullEntry_Fails()
    {
        _server.Respond(_server.Get("/workspaces/12345/teams"), AsanaServer.JsonBody("""{"data": [{"gid": "1"}, null], "next_page": null}"""));

        var act = async () => await _client.GetTeamsAsync("12345").ToListAsync();

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("null entry in place of a team from /workspaces/12345/teams");
    }

    [Fact]
    public async Task Membership_WithoutMember_FailsNamingTheRecord()
    {
        _server.Respond(_server.Get("/memberships"), AsanaServer.JsonBody("""{"data": [{"gid": "1000", "access_level": "admin"}], "next_page": null}"""));

        var act = async () => await _client.GetMembershipsAsync("900").ToListAsync();

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("Asana returned a membership (1000) without 'member' from /memberships");
    }

    [Fact]
    public async Task WorkspaceMembership_WithoutUser_Fails()
    {
        _server.Respond(_server.Get("/workspaces/12345/workspace_memberships"), AsanaServer.JsonBody("""{"data": [{"gid": "555", "is_active": true}]}"""));

        var act = async () => await _client.GetWorkspaceMembershipsAsync("12345").ToListAsync();

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("without 'user' from /workspaces/12345/workspace_memberships");
    }

    [Fact]
    public async Task ProjectPortfolioSetting_WithoutProject_Fails()
    {
        _server.Respond(_server.Get("/portfolios/1500/project_portfolio_settings"), AsanaServer.JsonBody("""{"data": [{"gid": "1700", "is_access_control_inherited": true}]}"""));

        var act = async () => await _client.GetProjectPortfolioSettingsAsync("1500").ToListAsync();

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("without 'project' from /portfolios/1500/project_portfolio_settings");
    }

    [Fact]
    public async Task Search_TaskWithoutGid_FailsRatherThanReadingAsNotAvailable()
    {
        _server.Respond(_server.Get("/workspaces/12345/tasks/search"), AsanaServer.JsonBody("""{"data": [{"name": "no gid"}]}"""));

        var act = () => _client.SearchTasksAsync("12345", new AsanaTaskSearch());

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("Asana returned a task without a 'gid' from /workspaces/12345/tasks/search");
    }

    [Fact]
    public async Task Events_ResourceWithoutGid_Fails()
    {
        _server.Respond(_server.Get("/events"), AsanaServer.JsonBody("""{"data": [{"action": "changed", "resource": {"resource_type": "task"}}], "sync": "s2", "has_more": false}"""));

        var act = () => _client.GetEventsAsync("900", "s1");

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("Asana returned an event's 'resource' without a 'gid' from /events");
    }

    [Fact]
    public async Task Events_EventWithoutResource_Fails()
    {
        // An event that names nothing could be the removal that revokes a grant: not skipped, refused.
        _server.Respond(_server.Get("/events"), AsanaServer.JsonBody("""{"data": [{"action": "removed", "parent": {"gid": "900"}}], "sync": "s2", "has_more": false}"""));

        var act = () => _client.GetEventsAsync("900", "s1");

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("Asana returned an event without 'resource' from /events");
    }

    [Theory]
    [InlineData("""{"gid": "1", "followers": [{"gid": "2"}, null]}""", "a null entry in place of a task's 'followers'")]
    [InlineData("""{"gid": "1", "memberships": [null]}""", "a null entry in place of a task's 'memberships'")]
    [InlineData("""{"gid": " "}""", "a task without a 'gid'")]
    [InlineData("""{"gid": "1", "assignee": {"gid": "  "}}""", "a task's 'assignee' without a 'gid'")]
    public async Task Task_NullEntryOrBlankGid_FailsLikeAMissingGid(string record, string names)
    {
        _server.Respond(_server.Get("/projects/123/tasks"), AsanaServer.JsonBody($$"""{"data": [{{record}}], "next_page": null}"""));

        var act = async () => await _client.GetTasksForProjectAsync("123").ToListAsync();

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain($"Asana returned {names} from /projects/123/tasks");
        _server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Task_MembershipWithoutProject_IsKept_AsanaMayAddOtherKinds()
    {
        _server.Respond(_server.Get("/projects/123/tasks"), AsanaServer.JsonBody("""{"data": [{"gid": "1", "memberships": [{}]}], "next_page": null}"""));

        var task = (await _client.GetTasksForProjectAsync("123").ToListAsync()).Single();

        task.Memberships.Should().ContainSingle().Which.Should().Be(new AsanaTaskMembership(null, null));
    }

    /// <summary>Every record the client reads, and every compact record nested in one, without its gid.</summary>
    public static TheoryData<string, string, string> EveryRecordWithoutGid => new()
    {
        { "workspaces", "/workspaces", """{"data": [{"name": "x"}]}""" },
        { "workspace", "/workspaces/12345", """{"data": {"name": "x"}}""" },
        { "users", "/users", """{"data": [{"name": "x"}]}""" },
        { "workspace memberships", "/workspaces/12345/workspace_memberships", """{"data": [{"user": {"gid": "2"}}]}""" },
        { "workspace memberships", "/workspaces/12345/workspace_memberships", """{"data": [{"gid": "1", "user": {"name": "2"}}]}""" },
        { "teams", "/workspaces/12345/teams", """{"data": [{"name": "x"}]}""" },
        { "team memberships", "/teams/700/team_memberships", """{"data": [{"user": {"gid": "2"}}]}""" },
        { "team memberships", "/teams/700/team_memberships", """{"data": [{"gid": "1", "user": {"name": "2"}}]}""" },
        { "team memberships", "/teams/700/team_memberships", """{"data": [{"gid": "1", "user": {"gid": "2"}, "team": {"name": "t"}}]}""" },
        { "projects", "/projects", """{"data": [{"name": "x"}]}""" },
        { "projects", "/projects", """{"data": [{"gid": "1", "team": {"name": "x"}}]}""" },
        { "project", "/projects/900", """{"data": {"gid": "1", "team": {"name": "x"}}}""" },
        { "memberships", "/memberships", """{"data": [{"member": {"gid": "2"}}]}""" },
        { "memberships", "/memberships", """{"data": [{"gid": "1", "member": {"resource_type": "user"}}]}""" },
        { "memberships", "/memberships", """{"data": [{"gid": "1", "member": {"gid": "2"}, "parent": {"name": "p"}}]}""" },
        { "portfolios", "/portfolios", """{"data": [{"name": "x"}]}""" },
        { "portfolio settings", "/portfolios/1500/project_portfolio_settings", """{"data": [{"project": {"gid": "2"}}]}""" },
        { "portfolio settings", "/portfolios/1500/project_portfolio_settings", """{"data": [{"gid": "1", "project": {"name": "2"}}]}""" },
        { "portfolio settings", "/portfolios/1500/project_portfolio_settings", """{"data": [{"gid": "1", "project": {"gid": "2"}, "portfolio": {"name": "p"}}]}""" },
        { "sections", "/projects/900/sections", """{"data": [{"name": "x"}]}""" },
        { "sections", "/projects/900/sections", """{"data": [{"gid": "1", "project": {"name": "x"}}]}""" },
        { "project tasks", "/projects/900/tasks", """{"data": [{"gid": "1", "assignee": {"name": "x"}}]}""" },
        { "project tasks", "/projects/900/tasks", """{"data": [{"gid": "1", "followers": [{"name": "x"}]}]}""" },
        { "project tasks", "/projects/900/tasks", """{"data": [{"gid": "1", "memberships": [{"project": {"name": "x"}}]}]}""" },
        { "project tasks", "/projects/900/tasks", """{"data": [{"gid": "1", "memberships": [{"project": {"gid": "2"}, "section": {"name": "x"}}]}]}""" },
        { "project tasks", "/projects/900/tasks", """{"data": [{"gid": "1", "parent": {"name": "x"}}]}""" },
        { "assigned tasks", "/tasks", """{"data": [{"name": "x"}]}""" },
        { "user task list", "/user_task_lists/800/tasks", """{"data": [{"name": "x"}]}""" },
        { "subtasks", "/tasks/1200/subtasks", """{"data": [{"gid": "1", "parent": {"name": "x"}}]}""" },
        { "task", "/tasks/1200", """{"data": {"gid": "1", "followers": [{"name": "x"}]}}""" },
        { "search", "/workspaces/12345/tasks/search", """{"data": [{"gid": "1", "assignee": {"name": "x"}}]}""" },
        { "events", "/events", """{"data": [{"action": "added", "resource": {"gid": "1"}, "parent": {"name": "x"}}], "sync": "s"}""" },
        { "events", "/events", """{"data": [{"action": "added", "resource": {"gid": "1"}, "user": {"name": "x"}}], "sync": "s"}""" },
    };

    [Theory]
    [MemberData(nameof(EveryRecordWithoutGid))]
    public async Task EveryRecord_WithoutGid_FailsOnceInOneLineNamingTheEndpoint(string read, string path, string body)
    {
        _server.Respond(_server.Get(path), AsanaServer.JsonBody(body));
        Func<Task> act = read switch
        {
            "workspaces" => async () => await _client.GetWorkspacesAsync().ToListAsync(),
            "workspace" => () => _client.GetWorkspaceAsync("12345"),
            "users" => async () => await _client.GetUsersAsync("12345").ToListAsync(),
            "workspace memberships" => async () => await _client.GetWorkspaceMembershipsAsync("12345").ToListAsync(),
            "teams" => async () => await _client.GetTeamsAsync("12345").ToListAsync(),
            "team memberships" => async () => await _client.GetTeamMembershipsAsync("700").ToListAsync(),
            "projects" => async () => await _client.GetProjectsAsync("12345").ToListAsync(),
            "project" => () => _client.GetProjectAsync("900"),
            "memberships" => async () => await _client.GetMembershipsAsync("900").ToListAsync(),
            "portfolios" => async () => await _client.GetPortfoliosAsync("12345").ToListAsync(),
            "portfolio settings" => async () => await _client.GetProjectPortfolioSettingsAsync("1500").ToListAsync(),
            "sections" => async () => await _client.GetSectionsAsync("900").ToListAsync(),
            "project tasks" => async () => await _client.GetTasksForProjectAsync("900").ToListAsync(),
            "assigned tasks" => async () => await _client.GetTasksForAssigneeAsync("12345", "2").ToListAsync(),
            "user task list" => async () => await _client.GetTasksForUserTaskListAsync("800").ToListAsync(),
            "subtasks" => async () => await _client.GetSubtasksAsync("1200").ToListAsync(),
            "task" => () => _client.GetTaskAsync("1200"),
            "search" => () => _client.SearchTasksAsync("12345", new AsanaTaskSearch()),
            "events" => () => _client.GetEventsAsync("900", "s1"),
            _ => throw new ArgumentOutOfRangeException(nameof(read)),
        };

        var error = (await act.Should().ThrowAsync<AsanaApiException>()).Which;

        error.Message.Should().MatchRegex($"^Asana answered 200 \\(OK\\) for {Regex.Escape(path)}: Asana returned an? [a-z ']+ without a 'gid' from {Regex.Escape(path)}$");
        _server.Requests.Should().ContainSingle("a well-formed body that lacks a gid is not retried");
    }
}
