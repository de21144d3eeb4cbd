using Asana.Client.Models;
using Asana.Client.Tests.TestSupport;
using WireMock.Logging;

namespace Asana.Client.Tests;

/// <summary>
/// Every <see cref="IAsanaClient"/> method against Asana-shaped fixtures: the exact path and query (limit, offset,
/// opt_fields), paging to the end, gids beyond 64 bits, null assignee/parent and enum values this client never heard of.
/// </summary>
public sealed class AsanaClientContractTests : IClassFixture<AsanaServer>, IDisposable
{
    private const string TaskFields = "name,notes,assignee,followers,memberships.project,memberships.section,parent,num_subtasks,modified_at,completed,resource_subtype,created_at,completed_at,due_on,due_at,created_by,permalink_url,tags.name";

    private readonly AsanaServer _server;
    private readonly AsanaClient _client;

    public AsanaClientContractTests(AsanaServer server)
    {
        _server = server;
        _server.Reset();
        _client = TestClients.Create(server.BaseAddress, o => o.PageSize = 2);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task GetWorkspacesAsync_OnePage_SendsLimitAndOptFieldsAndMapsLargeGid()
    {
        _server.Respond(_server.Get("/workspaces"), AsanaServer.Json("workspaces.json"));

        var workspaces = await _client.GetWorkspacesAsync().ToListAsync();

        workspaces.Should().BeEquivalentTo(
            [
                new AsanaWorkspace("12345", "My Company Workspace", true, ["asana.com"]),
                new AsanaWorkspace("98765432109876543210987", "Personal Projects", false, []),
            ],
            o => o.WithStrictOrdering());
        AssertRequest(Single(), "/workspaces", ("limit", "2"), ("opt_fields", "name,is_organization,email_domains"));
    }

    [Fact]
    public async Task GetWorkspaceAsync_Gid_ReadsDataEnvelope()
    {
        _server.Respond(_server.Get("/workspaces/12345"), AsanaServer.Json("workspace.json"));

        var workspace = await _client.GetWorkspaceAsync("12345");

        workspace.Gid.Should().Be("12345");
        workspace.IsOrganization.Should().BeTrue();
        workspace.EmailDomains.Should().Equal("asana.com", "example.com");
        AssertRequest(Single(), "/workspaces/12345", ("opt_fields", "name,is_organization,email_domains"));
    }

    [Fact]
    public async Task GetUsersAsync_ThreePages_FollowsOffsetsToTheEnd()
    {
        _server.Respond(_server.Get("/users"), AsanaServer.Json("users_page1.json"));
        _server.Respond(_server.Get("/users").WithParam("offset", "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9"), AsanaServer.Json("users_page2.json"), priority: 1);
        _server.Respond(_server.Get("/users").WithParam("offset", "page3+token/=="), AsanaServer.Json("users_page3.json"), priority: 1);

        var users = await _client.GetUsersAsync("12345").ToListAsync();

        users.Select(u => u.Gid).Should().Equal("18446744073709551617", "2", "3", "4", "5");
        users[0].Should().Be(new AsanaUser("18446744073709551617", "Greg Sanchez", "gsanchez@example.com"));
        users[2].Email.Should().BeNull();
        var requests = _server.Requests;
        requests.Should().HaveCount(3);
        AssertRequest(requests[0], "/users", ("workspace", "12345"), ("limit", "2"), ("opt_fields", "name,email"));
        AssertRequest(requests[1], "/users", ("workspace", "12345"), ("limit", "2"), ("offset", "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9"), ("opt_fields", "name,email"));
        AssertRequest(requests[2], "/users", ("workspace", "12345"), ("limit", "2"), ("offset", "page3+token/=="), ("opt_fields", "name,email"));
    }

    [Fact]
    public async Task GetUsersAsync_AsPagesFromOffset_ReturnsItemsAndNextOffset()
    {
        _server.Respond(_server.Get("/users").WithParam("offset", "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9"), AsanaServer.Json("users_page2.json"), priority: 1);

        var page = await FirstPageAsync(_client.GetUsersAsync("12345"), "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9");

        page.Items.Select(u => u.Gid).Should().Equal("3", "4");
        page.NextOffset.Should().Be("page3+token/==");
        _server.Requests.Should().ContainSingle("one page is one request");
    }

    [Fact]
    public async Task GetUsersAsync_AsPagesResumedFromASavedOffset_PagesOnToTheEnd()
    {
        _server.Respond(_server.Get("/users").WithParam("offset", "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9"), AsanaServer.Json("users_page2.json"), priority: 1);
        _server.Respond(_server.Get("/users").WithParam("offset", "page3+token/=="), AsanaServer.Json("users_page3.json"), priority: 1);

        var pages = await _client.GetUsersAsync("12345").AsPages("eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9").ToListAsync();

        pages.Select(p => p.NextOffset).Should().Equal("page3+token/==", null);
        pages.SelectMany(p => p.Items).Select(u => u.Gid).Should().Equal("3", "4", "5");
        _server.Requests.Should().HaveCount(2, "no request for the pages before the saved offset");
    }

    [Fact]
    public async Task GetUsersAsync_NotEnumerated_SendsNothing()
    {
        _server.Respond(_server.Get("/users"), AsanaServer.Json("users_page1.json"));

        var users = _client.GetUsersAsync("12345");
        var pages = users.AsPages();

        // Gives a request started in the background (an eager prefetch) time to reach the server; without it such a
        // regression passes, as it is still in flight when the assertion runs.
        await Task.Delay(50);

        users.Should().NotBeNull();
        pages.Should().NotBeNull();
        _server.Requests.Should().BeEmpty("a pageable is lazy");
    }

    [Fact]
    public async Task GetUsersAsync_EnumeratedTwice_StartsAfreshEachTime()
    {
        _server.Respond(_server.Get("/users"), AsanaServer.Json("users_page3.json"));
        var users = _client.GetUsersAsync("12345");

        (await users.ToListAsync()).Should().ContainSingle();
        (await users.ToListAsync()).Should().ContainSingle();

        _server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetUsersAsync_AsPagesWithPageSizeHint_SendsItAsLimit()
    {
        _server.Respond(_server.Get("/users"), AsanaServer.Json("users_page3.json"));

        await _client.GetUsersAsync("12345").AsPages(pageSizeHint: 100).ToListAsync();

        AssertRequest(Single(), "/users", ("workspace", "12345"), ("limit", "100"), ("opt_fields", "name,email"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void GetUsersAsync_AsPagesWithPageSizeHintOutOfRange_Throws(int pageSizeHint)
    {
        var act = () => _client.GetUsersAsync("12345").AsPages(pageSizeHint: pageSizeHint);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(pageSizeHint));
    }

    [Fact]
    public async Task GetUsersAsync_ServerReturnsTheOffsetItWasGiven_StopsWithAnAsanaError()
    {
        _server.Respond(_server.Get("/users").WithParam("offset", "loop"), AsanaServer.Json("same_offset.json"), priority: 1);

        var act = async () => await _client.GetUsersAsync("12345").AsPages("loop").ToListAsync();

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("same next_page offset");
        _server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task GetWorkspaceMembershipsAsync_ActiveAndInactive_MapsFlags()
    {
        _server.Respond(_server.Get("/workspaces/12345/workspace_memberships"), AsanaServer.Json("workspace_memberships.json"));

        var memberships = await _client.GetWorkspaceMembershipsAsync("12345").ToListAsync();

        memberships.Should().Equal(
            new AsanaWorkspaceMembership("555", new AsanaReference("18446744073709551617", "user", "Greg Sanchez"), IsActive: true, IsAdmin: true, IsGuest: false),
            new AsanaWorkspaceMembership("556", new AsanaReference("7", "user", "Old Guest"), IsActive: false, IsAdmin: false, IsGuest: true));
        AssertRequest(Single(), "/workspaces/12345/workspace_memberships", ("limit", "2"), ("opt_fields", "user,is_active,is_admin,is_guest"));
    }

    [Fact]
    public async Task GetWorkspaceMembershipsAsync_AsPagesLastPage_HasNoNextOffset()
    {
        _server.Respond(_server.Get("/workspaces/12345/workspace_memberships"), AsanaServer.Json("workspace_memberships.json"));

        var page = await FirstPageAsync(_client.GetWorkspaceMembershipsAsync("12345"), null);

        page.Items.Should().HaveCount(2);
        page.NextOffset.Should().BeNull();
    }

    [Fact]
    public async Task GetTeamsAsync_UnknownVisibility_KeptAsString()
    {
        _server.Respond(_server.Get("/workspaces/12345/teams"), AsanaServer.Json("teams.json"));

        var teams = await _client.GetTeamsAsync("12345").ToListAsync();

        teams.Select(t => t.Visibility).Should().Equal("public", "secret", "members_of_the_galaxy");
        AssertRequest(Single(), "/workspaces/12345/teams", ("limit", "2"), ("opt_fields", "name,visibility,description"));
    }

    [Fact]
    public async Task GetTeamsAsync_AsPagesFirstPage_SendsNoOffset()
    {
        _server.Respond(_server.Get("/workspaces/12345/teams"), AsanaServer.Json("teams.json"));

        var page = await FirstPageAsync(_client.GetTeamsAsync("12345"), null);

        page.Items.Should().HaveCount(3);
        AsanaServer.Query(Single()).AllKeys.Should().NotContain("offset");
    }

    [Fact]
    public async Task GetTeamMembershipsAsync_Guest_MapsGuestAdminAndLimitedAccess()
    {
        _server.Respond(_server.Get("/teams/700/team_memberships"), AsanaServer.Json("team_memberships.json"));

        var memberships = await _client.GetTeamMembershipsAsync("700").ToListAsync();

        memberships[0].Should().Be(new AsanaTeamMembership("800", new AsanaReference("2", "user", "Ann Lee"), new AsanaReference("700", "team", "Marketing"), IsGuest: false, IsAdmin: true, IsLimitedAccess: false));
        memberships[1].IsGuest.Should().BeTrue();
        memberships[1].IsLimitedAccess.Should().BeTrue();
        AssertRequest(Single(), "/teams/700/team_memberships", ("limit", "2"), ("opt_fields", "user,team,is_guest,is_admin,is_limited_access"));
    }

    [Fact]
    public async Task GetTeamMembershipsAsync_AsPagesWithOffset_SendsOffset()
    {
        _server.Respond(_server.Get("/teams/700/team_memberships"), AsanaServer.Json("team_memberships.json"));

        await FirstPageAsync(_client.GetTeamMembershipsAsync("700"), "abc");

        AssertRequest(Single(), "/teams/700/team_memberships", ("limit", "2"), ("offset", "abc"), ("opt_fields", "user,team,is_guest,is_admin,is_limited_access"));
    }

    [Fact]
    public async Task GetProjectsAsync_ArchivedAndUnknownPrivacy_NoArchivedFilterSent()
    {
        _server.Respond(_server.Get("/projects"), AsanaServer.Json("projects.json"));

        var projects = await _client.GetProjectsAsync("12345").ToListAsync();

        projects[0].Should().Be(new AsanaProject("900", "Stuff to buy", "public_to_workspace", new AsanaReference("700", "team", "Marketing"), false, DateTimeOffset.Parse("2012-02-22T02:06:58.147Z", System.Globalization.CultureInfo.InvariantCulture)));
        projects[1].Gid.Should().Be("340282366920938463463374607431768211457");
        projects[1].Archived.Should().BeTrue();
        projects[1].Team.Should().BeNull();
        projects[1].ModifiedAt.Should().BeNull();
        projects[2].PrivacySetting.Should().Be("shared_with_the_moon");
        projects[2].Team!.Name.Should().BeNull();
        AssertRequest(Single(), "/projects", ("workspace", "12345"), ("limit", "2"), ("opt_fields", "name,privacy_setting,team,archived,modified_at,notes"));
    }

    [Fact]
    public async Task GetProjectsAsync_AsPagesWithOffset_SendsOffset()
    {
        _server.Respond(_server.Get("/projects"), AsanaServer.Json("projects.json"));

        await FirstPageAsync(_client.GetProjectsAsync("12345"), "p2");

        AssertRequest(Single(), "/projects", ("workspace", "12345"), ("limit", "2"), ("offset", "p2"), ("opt_fields", "name,privacy_setting,team,archived,modified_at,notes"));
    }

    [Fact]
    public async Task GetProjectAsync_Gid_MapsDeprecatedPrivacyValue()
    {
        _server.Respond(_server.Get("/projects/900"), AsanaServer.Json("project.json"));

        var project = await _client.GetProjectAsync("900");

        project.PrivacySetting.Should().Be("private_to_team");
        project.ModifiedAt.Should().Be(new DateTimeOffset(2012, 2, 23, 10, 0, 0, TimeSpan.Zero));
        project.Notes.Should().Be("These are things we need to purchase.");
        AssertRequest(Single(), "/projects/900", ("opt_fields", "name,privacy_setting,team,archived,modified_at,notes"));
    }

    [Fact]
    public async Task GetMembershipsAsync_UsersAndTeams_KeepsMemberTypeAndUnknownAccessLevel_SendsNoOptFields()
    {
        _server.Respond(_server.Get("/memberships"), AsanaServer.Json("memberships.json"));

        var memberships = await _client.GetMembershipsAsync("900").ToListAsync();

        memberships.Select(m => m.Member.ResourceType).Should().Equal("user", "team", "user");
        memberships.Select(m => m.AccessLevel).Should().Equal("admin", "editor", "super_reviewer");
        memberships[1].Parent.Should().Be(new AsanaReference("900", "project", "Stuff to buy"));
        AssertRequest(Single(), "/memberships", ("parent", "900"), ("limit", "2"));
    }

    [Fact]
    public async Task GetMembershipsAsync_PortfolioParentWithoutParentInResponse_UsesTheParentRequested()
    {
        _server.Respond(_server.Get("/memberships"), AsanaServer.Json("portfolio_memberships.json"));

        var memberships = await _client.GetMembershipsAsync("1500").ToListAsync();

        memberships.Should().Equal(
            new AsanaMembership("1600", new AsanaReference("1500"), new AsanaReference("2", "user", "Ann Lee"), "viewer"),
            new AsanaMembership("1601", new AsanaReference("1500", "portfolio", "Q3 bets"), new AsanaReference("700", "team", "Marketing"), "editor"));
        AssertRequest(Single(), "/memberships", ("parent", "1500"), ("limit", "2"));
    }

    [Fact]
    public async Task GetMembershipsAsync_AsPagesWithOffset_SendsOffset()
    {
        _server.Respond(_server.Get("/memberships"), AsanaServer.Json("memberships.json"));

        await FirstPageAsync(_client.GetMembershipsAsync("900"), "m2");

        AssertRequest(Single(), "/memberships", ("parent", "900"), ("limit", "2"), ("offset", "m2"));
    }

    [Fact]
    public async Task GetPortfoliosAsync_Workspace_SendsNoOwner()
    {
        _server.Respond(_server.Get("/portfolios"), AsanaServer.Json("portfolios.json"));

        var portfolios = await _client.GetPortfoliosAsync("12345").ToListAsync();

        portfolios.Should().Equal(new AsanaPortfolio("1500", "Q3 bets"), new AsanaPortfolio("1501", null));
        AssertRequest(Single(), "/portfolios", ("workspace", "12345"), ("limit", "2"), ("opt_fields", "name"));
    }

    [Fact]
    public async Task GetProjectPortfolioSettingsAsync_Portfolio_MapsInheritanceAndFailsClosedWithoutIt()
    {
        _server.Respond(_server.Get("/portfolios/1500/project_portfolio_settings"), AsanaServer.Json("project_portfolio_settings.json"));

        var settings = await _client.GetProjectPortfolioSettingsAsync("1500").ToListAsync();

        settings.Should().Equal(
            new AsanaProjectPortfolioSetting("1700", new AsanaReference("900", "project", "Stuff to buy"), new AsanaReference("1500", "portfolio", "Q3 bets"), IsAccessControlInherited: true),
            new AsanaProjectPortfolioSetting("1701", new AsanaReference("901", "project"), new AsanaReference("1500", "portfolio"), IsAccessControlInherited: false));
        AssertRequest(Single(), "/portfolios/1500/project_portfolio_settings", ("limit", "2"), ("opt_fields", "project,portfolio,is_access_control_inherited"));
    }

    [Fact]
    public async Task GetProjectPortfolioSettingsAsync_AsPagesWithOffset_SendsOffset()
    {
        _server.Respond(_server.Get("/portfolios/1500/project_portfolio_settings"), AsanaServer.Json("project_portfolio_settings.json"));

        await FirstPageAsync(_client.GetProjectPortfolioSettingsAsync("1500"), "pps2");

        AssertRequest(Single(), "/portfolios/1500/project_portfolio_settings", ("limit", "2"), ("offset", "pps2"), ("opt_fields", "project,portfolio,is_access_control_inherited"));
    }

    [Fact]
    public async Task GetSectionsAsync_Project_MapsSectionsWithAndWithoutProject()
    {
        _server.Respond(_server.Get("/projects/900/sections"), AsanaServer.Json("sections.json"));

        var sections = await _client.GetSectionsAsync("900").ToListAsync();

        sections.Should().Equal(
            new AsanaSection("1100", "Next Actions", new AsanaReference("900", "project", "Stuff to buy")),
            new AsanaSection("1101", "(no section)"));
        AssertRequest(Single(), "/projects/900/sections", ("limit", "2"), ("opt_fields", "name,project"));
    }

    [Fact]
    public async Task GetSectionsAsync_AsPagesWithOffset_SendsOffset()
    {
        _server.Respond(_server.Get("/projects/900/sections"), AsanaServer.Json("sections.json"));

        await FirstPageAsync(_client.GetSectionsAsync("900"), "s2");

        AssertRequest(Single(), "/projects/900/sections", ("limit", "2"), ("offset", "s2"), ("opt_fields", "name,project"));
    }

    [Fact]
    public async Task GetTasksForProjectAsync_ThreePages_MapsNullAssigneeParentAndUnknownSubtype()
    {
        RespondWithTaskPages("/projects/900/tasks");

        var tasks = await _client.GetTasksForProjectAsync("900").ToListAsync();

        tasks.Select(t => t.Gid).Should().Equal("1200", "123456789012345678901234567890", "1202", "1203");
        var first = tasks[0];
        first.Assignee.Should().Be(new AsanaReference("2", "user"));
        first.Followers!.Select(f => f.Gid).Should().Equal("2", "18446744073709551617");
        first.Memberships.Should().Equal(new AsanaTaskMembership(new AsanaReference("900", "project"), new AsanaReference("1100", "section")));
        first.Parent.Should().BeNull();
        first.NumSubtasks.Should().Be(3);
        first.Notes.Should().Be("Two bags");
        tasks[1].Assignee.Should().BeNull();
        tasks[1].Completed.Should().BeTrue();
        tasks[1].ResourceSubtype.Should().Be("approval");
        tasks[2].ResourceSubtype.Should().Be("hologram_task");
        tasks[2].Followers.Should().BeNull();
        tasks[2].Memberships![0].Section.Should().BeNull();
        tasks[2].Parent.Should().Be(new AsanaReference("1200", "task", "Buy catnip"));
        tasks[3].ModifiedAt.Should().Be(new DateTimeOffset(2025, 6, 30, 23, 59, 59, 999, TimeSpan.Zero));

        var requests = _server.Requests;
        requests.Should().HaveCount(3);
        AssertRequest(requests[0], "/projects/900/tasks", ("limit", "2"), ("opt_fields", TaskFields));
        AssertRequest(requests[1], "/projects/900/tasks", ("limit", "2"), ("offset", "tasks-2"), ("opt_fields", TaskFields));
        AssertRequest(requests[2], "/projects/900/tasks", ("limit", "2"), ("offset", "tasks-3"), ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task GetTasksForProjectAsync_ModifiedSince_UsesTasksEndpointWithUtcInstant()
    {
        RespondWithTaskPages("/tasks");
        var since = new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.FromHours(2));

        var tasks = await _client.GetTasksForProjectAsync("900", since).ToListAsync();

        tasks.Should().HaveCount(4);
        var requests = _server.Requests;
        AssertRequest(requests[0], "/tasks", ("project", "900"), ("modified_since", "2024-05-01T10:30:00.000Z"), ("limit", "2"), ("opt_fields", TaskFields));
        AssertRequest(requests[2], "/tasks", ("project", "900"), ("modified_since", "2024-05-01T10:30:00.000Z"), ("limit", "2"), ("offset", "tasks-3"), ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task GetTasksForProjectAsync_AsPagesWithOffset_ReturnsNextOffset()
    {
        RespondWithTaskPages("/projects/900/tasks");

        var page = await FirstPageAsync(_client.GetTasksForProjectAsync("900"), "tasks-2");

        page.Items.Select(t => t.Gid).Should().Equal("1202");
        page.NextOffset.Should().Be("tasks-3");
    }

    [Fact]
    public async Task GetTasksForAssigneeAsync_WorkspaceAndAssignee_PagesToTheEnd()
    {
        RespondWithTaskPages("/tasks");

        var tasks = await _client.GetTasksForAssigneeAsync("12345", "2").ToListAsync();

        tasks.Should().HaveCount(4);
        var requests = _server.Requests;
        requests.Should().HaveCount(3);
        AssertRequest(requests[0], "/tasks", ("assignee", "2"), ("workspace", "12345"), ("limit", "2"), ("opt_fields", TaskFields));
        AssertRequest(requests[1], "/tasks", ("assignee", "2"), ("workspace", "12345"), ("limit", "2"), ("offset", "tasks-2"), ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task GetTasksForAssigneeAsync_ModifiedSince_SendsInstant()
    {
        RespondWithTaskPages("/tasks");

        await FirstPageAsync(_client.GetTasksForAssigneeAsync("12345", "2", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)), null);

        AssertRequest(Single(), "/tasks", ("assignee", "2"), ("workspace", "12345"), ("modified_since", "2024-01-02T03:04:05.000Z"), ("limit", "2"), ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task GetTasksForUserTaskListAsync_ThreePages_PagesToTheEnd()
    {
        RespondWithTaskPages("/user_task_lists/77/tasks");

        var tasks = await _client.GetTasksForUserTaskListAsync("77").ToListAsync();

        tasks.Should().HaveCount(4);
        AssertRequest(_server.Requests[0], "/user_task_lists/77/tasks", ("limit", "2"), ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task GetTasksForUserTaskListAsync_AsPagesWithOffset_SendsOffset()
    {
        RespondWithTaskPages("/user_task_lists/77/tasks");

        var page = await FirstPageAsync(_client.GetTasksForUserTaskListAsync("77"), "tasks-3");

        page.NextOffset.Should().BeNull();
        AssertRequest(Single(), "/user_task_lists/77/tasks", ("limit", "2"), ("offset", "tasks-3"), ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task GetTaskAsync_Gid_MapsFullRecord()
    {
        _server.Respond(_server.Get("/tasks/1200"), AsanaServer.Json("task.json"));

        var task = await _client.GetTaskAsync("1200");

        task.Assignee.Should().Be(new AsanaReference("2", "user", "Ann Lee"));
        task.Memberships![0].Section!.Name.Should().Be("Next Actions");
        task.Parent.Should().BeNull();
        AssertRequest(Single(), "/tasks/1200", ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task GetTaskAsync_Gid_MapsContentFields()
    {
        _server.Respond(_server.Get("/tasks/1200"), AsanaServer.Json("task.json"));

        var task = await _client.GetTaskAsync("1200");

        task.Notes.Should().Be("Two bags");
        task.CompletedAt.Should().BeNull();
        task.DueOn.Should().Be("2012-03-26");
        task.DueAt.Should().BeNull();
        task.CreatedBy.Should().Be(new AsanaReference("3", "user"));
        task.PermalinkUrl.Should().Be("https://app.asana.com/1/12345/task/1200");
        task.Tags.Should().Equal(new AsanaReference("59746", "tag", "Grade A"));
        task.CreatedAt.Should().Be(DateTimeOffset.Parse("2012-02-22T02:06:58.147Z", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task GetSubtasksAsync_Task_MapsParent()
    {
        _server.Respond(_server.Get("/tasks/1200/subtasks"), AsanaServer.Json("subtasks.json"));

        var subtasks = await _client.GetSubtasksAsync("1200").ToListAsync();

        subtasks.Should().ContainSingle().Which.Parent.Should().Be(new AsanaReference("1200", "task", "Buy catnip"));
        AssertRequest(Single(), "/tasks/1200/subtasks", ("limit", "2"), ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task GetSubtasksAsync_AsPagesWithOffset_SendsOffset()
    {
        _server.Respond(_server.Get("/tasks/1200/subtasks"), AsanaServer.Json("subtasks.json"));

        await FirstPageAsync(_client.GetSubtasksAsync("1200"), "st2");

        AssertRequest(Single(), "/tasks/1200/subtasks", ("limit", "2"), ("offset", "st2"), ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task SearchTasksAsync_Filters_SendsSearchParametersSortedByCreation()
    {
        _server.Respond(_server.Get("/workspaces/12345/tasks/search"), AsanaServer.Json("search.json"));
        var search = new AsanaTaskSearch(Text: "cat nip", CreatedAfter: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), IsSubtask: false, Limit: 50);

        var result = await _client.SearchTasksAsync("12345", search);

        result.IsAvailable.Should().BeTrue();
        result.Tasks.Should().ContainSingle().Which.Gid.Should().Be("1200");
        AssertRequest(
            Single(),
            "/workspaces/12345/tasks/search",
            ("text", "cat nip"),
            ("created_at.after", "2024-01-01T00:00:00.000Z"),
            ("is_subtask", "false"),
            ("sort_by", "created_at"),
            ("sort_ascending", "true"),
            ("limit", "50"),
            ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task SearchTasksAsync_PagedByCreatedAt_SendsCreatedAtAfterAndIsSubtask_AndMapsCreatedAt()
    {
        _server.Respond(_server.Get("/workspaces/12345/tasks/search"), AsanaServer.Json("search_page1.json"));
        _server.Respond(
            _server.Get("/workspaces/12345/tasks/search").WithParam("created_at.after", "2024-03-01T10:00:01.250Z"),
            AsanaServer.Json("search_page2.json"),
            priority: 1);

        // The caller's loop: the next page is the same search after the last created_at seen; a short page ends it.
        var all = new List<AsanaTask>();
        var search = new AsanaTaskSearch(IsSubtask: false, Limit: 2);
        while (true)
        {
            var result = await _client.SearchTasksAsync("12345", search);
            result.IsAvailable.Should().BeTrue();
            all.AddRange(result.Tasks);
            if (result.Tasks.Count < search.Limit)
            {
                break;
            }

            search = search with { CreatedAfter = result.Tasks[^1].CreatedAt };
        }

        all.Select(t => t.Gid).Should().Equal("1301", "1302", "1303");
        all[0].CreatedAt.Should().Be(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero));
        all[0].Followers.Should().ContainSingle().Which.Gid.Should().Be("501");
        all[0].Memberships.Should().BeEmpty("a project-less task");
        all[0].NumSubtasks.Should().Be(1);
        all[1].CreatedAt.Should().Be(new DateTimeOffset(2024, 3, 1, 10, 0, 1, 250, TimeSpan.Zero));
        all[1].Memberships.Should().ContainSingle().Which.Project!.Gid.Should().Be("900");
        all[1].Completed.Should().BeTrue();
        all[2].ModifiedAt.Should().Be(new DateTimeOffset(2024, 3, 5, 8, 30, 0, TimeSpan.Zero));

        var requests = _server.Requests;
        requests.Should().HaveCount(2);
        AssertRequest(
            requests[0],
            "/workspaces/12345/tasks/search",
            ("is_subtask", "false"),
            ("sort_by", "created_at"),
            ("sort_ascending", "true"),
            ("limit", "2"),
            ("opt_fields", TaskFields));
        AssertRequest(
            requests[1],
            "/workspaces/12345/tasks/search",
            ("created_at.after", "2024-03-01T10:00:01.250Z"),
            ("is_subtask", "false"),
            ("sort_by", "created_at"),
            ("sort_ascending", "true"),
            ("limit", "2"),
            ("opt_fields", TaskFields));
        foreach (var field in new[] { "memberships.project", "memberships.section", "assignee", "followers", "parent", "num_subtasks", "modified_at", "name", "notes", "completed", "created_at" })
        {
            AsanaServer.Query(requests[0])["opt_fields"]!.Split(',').Should().Contain(field, "the sync needs {0} from search results", field);
        }
    }

    [Fact]
    public async Task SearchTasksAsync_ModifiedAfterAndSubtasks_SendsModifiedAtAfterAndIsSubtaskTrue()
    {
        _server.Respond(_server.Get("/workspaces/12345/tasks/search"), AsanaServer.Json("search.json"));

        var result = await _client.SearchTasksAsync("12345", new AsanaTaskSearch(ModifiedAfter: new DateTimeOffset(2024, 5, 6, 7, 8, 9, 10, TimeSpan.FromHours(2)), IsSubtask: true));

        result.Tasks.Should().ContainSingle().Which.CreatedAt.Should().Be(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));
        AssertRequest(
            Single(),
            "/workspaces/12345/tasks/search",
            ("modified_at.after", "2024-05-06T05:08:09.010Z"),
            ("is_subtask", "true"),
            ("sort_by", "created_at"),
            ("sort_ascending", "true"),
            ("limit", "100"),
            ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task SearchTasksAsync_ResourceSubtype_SendsResourceSubtype()
    {
        _server.Respond(_server.Get("/workspaces/12345/tasks/search"), AsanaServer.Json("search.json"));

        await _client.SearchTasksAsync("12345", new AsanaTaskSearch(ResourceSubtype: "default_task", Limit: 10));

        AssertRequest(
            Single(),
            "/workspaces/12345/tasks/search",
            ("resource_subtype", "default_task"),
            ("sort_by", "created_at"),
            ("sort_ascending", "true"),
            ("limit", "10"),
            ("opt_fields", TaskFields));
    }

    [Fact]
    public async Task SearchTasksAsync_PaymentRequired_ReturnsNotAvailable()
    {
        _server.Respond(_server.Get("/workspaces/12345/tasks/search"), AsanaServer.Json("error_402.json", 402));

        var result = await _client.SearchTasksAsync("12345", new AsanaTaskSearch(Text: "x"));

        result.Should().BeSameAs(AsanaTaskSearchResult.NotAvailable);
        result.IsAvailable.Should().BeFalse();
        result.Tasks.Should().BeEmpty();
        _server.Requests.Should().ContainSingle("402 is an answer, not a transient fault");
    }

    [Fact]
    public async Task GetEventsAsync_SyncToken_MapsEventsAndHasMore()
    {
        _server.Respond(_server.Get("/events"), AsanaServer.Json("events.json"));

        var batch = await _client.GetEventsAsync("900", "oldsync");

        batch.SyncToken.Should().Be("de4774f6915eae04714ca93bb2f5ee81");
        batch.HasMore.Should().BeTrue();
        batch.SyncTokenReset.Should().BeFalse();
        batch.Events.Should().HaveCount(2);
        batch.Events[0].Should().Be(new AsanaEvent(
            new AsanaReference("1200", "task", "Buy catnip"),
            "changed",
            null,
            new AsanaReference("2", "user", "Ann Lee"),
            new DateTimeOffset(2012, 2, 22, 2, 6, 58, 147, TimeSpan.Zero),
            new AsanaEventChange("assignee", "changed")));
        batch.Events[1].Action.Should().Be("teleported");
        batch.Events[1].User.Should().BeNull();
        batch.Events[1].Parent!.Gid.Should().Be("900");
        AssertRequest(Single(), "/events", ("resource", "900"), ("sync", "oldsync"));
    }

    [Fact]
    public async Task GetEventsAsync_PreconditionFailed_ReturnsResetWithFreshToken()
    {
        _server.Respond(_server.Get("/events"), AsanaServer.Json("events_412.json", 412));

        var batch = await _client.GetEventsAsync("900", null);

        batch.Should().BeEquivalentTo(new AsanaEventBatch([], "fresh0123456789abcdef", HasMore: false, SyncTokenReset: true));
        _server.Requests.Should().ContainSingle();
        AssertRequest(Single(), "/events", ("resource", "900"));
    }

    [Fact]
    public async Task GetUsersAsync_AsPagesFromExpiredOffset_ThrowsWithIsOffsetExpired()
    {
        _server.Respond(_server.Get("/users"), AsanaServer.Json("error_400_offset.json", 400));

        var act = () => FirstPageAsync(_client.GetUsersAsync("12345"), "stale-offset");

        var error = (await act.Should().ThrowAsync<AsanaApiException>()).Which;
        error.IsOffsetExpired.Should().BeTrue();
        error.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        error.RequestPath.Should().Be("/api/1.0/users");
        error.Message.Should().Contain("pagination token has expired");
        _server.Requests.Should().ContainSingle("a 400 is not retried");
    }

    [Fact]
    public async Task GetUsersAsync_ExpiredOffsetWhilePaging_SurfacesToEnumerator()
    {
        _server.Respond(_server.Get("/users"), AsanaServer.Json("users_page1.json"));
        _server.Respond(_server.Get("/users").WithParam("offset", "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9"), AsanaServer.Json("error_400_offset.json", 400), priority: 1);

        var seen = new List<string>();
        var act = async () =>
        {
            await foreach (var user in _client.GetUsersAsync("12345"))
            {
                seen.Add(user.Gid);
            }
        };

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.IsOffsetExpired.Should().BeTrue();
        seen.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetUsersAsync_BadRequestWithoutOffset_IsNotOffsetExpired()
    {
        _server.Respond(_server.Get("/users"), AsanaServer.Json("error_400_offset.json", 400));

        var act = () => FirstPageAsync(_client.GetUsersAsync("12345"), null);

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.IsOffsetExpired.Should().BeFalse();
    }

    [Fact]
    public async Task GetUsersAsync_OtherBadRequestWithOffset_IsNotOffsetExpired()
    {
        _server.Respond(_server.Get("/users"), AsanaServer.Json("error_400_other.json", 400));

        var act = () => FirstPageAsync(_client.GetUsersAsync("12345"), "o");

        var error = (await act.Should().ThrowAsync<AsanaApiException>()).Which;
        error.IsOffsetExpired.Should().BeFalse();
        error.Errors.Should().ContainSingle().Which.Message.Should().Be("project: Missing input");
    }

    [Fact]
    public async Task GetUsersAsync_CallerCancels_ThrowsOperationCanceledUnwrapped()
    {
        // Its own server: WireMock logs the abandoned request only when the delayed answer goes out, which would land in
        // a later test's log on the shared one.
        using var server = new AsanaServer();
        using var client = TestClients.Create(server.BaseAddress);
        server.Respond(server.Get("/users"), AsanaServer.Json("users_page1.json").WithDelay(TimeSpan.FromSeconds(2)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var act = async () => await client.GetUsersAsync("12345", cts.Token).ToListAsync();

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task GetWorkspaceAsync_EmptyGid_ThrowsArgumentException()
    {
        var act = () => _client.GetWorkspaceAsync(" ");

        await act.Should().ThrowAsync<ArgumentException>();
        _server.Requests.Should().BeEmpty();
    }

    private static async Task<AsanaPage<T>> FirstPageAsync<T>(AsanaPageable<T> pageable, string? offset) =>
        await pageable.AsPages(offset).FirstAsync();

    private void RespondWithTaskPages(string path)
    {
        _server.Respond(_server.Get(path), AsanaServer.Json("tasks_page1.json"));
        _server.Respond(_server.Get(path).WithParam("offset", "tasks-2"), AsanaServer.Json("tasks_page2.json"), priority: 1);
        _server.Respond(_server.Get(path).WithParam("offset", "tasks-3"), AsanaServer.Json("tasks_page3.json"), priority: 1);
    }

    private ILogEntry Single()
    {
        var requests = _server.Requests;
        requests.Should().ContainSingle();
        return requests[0];
    }

    private static void AssertRequest(ILogEntry entry, string path, params (string Key, string Value)[] query)
    {
        entry.RequestMessage!.Method.Should().Be("GET");
        entry.RequestMessage.Path.Should().Be(AsanaServer.Prefix + path);
        var actual = AsanaServer.Query(entry);
        actual.AllKeys.Should().Equal(query.Select(q => q.Key), "the query is exactly these parameters, in this order");
        foreach (var (key, value) in query)
        {
            actual[key].Should().Be(value, "query parameter {0}", key);
        }
    }
}
