using System.Net.Http.Headers;
using Asana.Permissions.Sources;

namespace Asana.Simulator.Tests;

/// <summary>
/// Personal access tokens see what their user sees ("public projects in the workspace, private projects the connected
/// user is a member of, tasks the connected user has access to"); the service-account token sees everything.
/// </summary>
public sealed class PersonalAccessTokenTests
{
    private static HttpClient As(SimulatedAsana server, string token)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<HashSet<string>> GidsAsync(HttpClient http, string url) =>
        (await http.GetAllAsync(url)).Select(t => t["gid"]!.GetValue<string>()).ToHashSet();

    /// <summary>Every task search returns for the token: each subtype, paged by created_at.</summary>
    private static async Task<HashSet<string>> SearchAllAsync(HttpClient http, string ws)
    {
        var found = new HashSet<string>();
        foreach (var subtype in new[] { "default_task", "milestone", "approval" })
        {
            string? after = null;
            while (true)
            {
                var (status, body) = await http.GetJsonAsync($"workspaces/{ws}/tasks/search?resource_subtype={subtype}&sort_by=created_at&sort_ascending=true&limit=100&opt_fields=created_at"
                    + (after is null ? "" : "&created_at.after=" + Uri.EscapeDataString(after)));
                status.Should().Be(200);
                var items = body!["data"]!.AsArray();
                found.UnionWith(items.Select(t => t!["gid"]!.GetValue<string>()));
                if (items.Count < 100)
                {
                    break;
                }

                after = items[^1]!["created_at"]!.GetValue<string>();
            }
        }

        return found;
    }

    [Fact]
    public async Task A_personal_token_lists_reads_and_searches_only_what_its_user_sees()
    {
        var org = new SimulatedOrganization(seed: 31);
        var me = org.AddUser("Mia Member", "mia@acme.example");
        var other = org.AddUser("Oli Other", "oli@acme.example");
        var team = org.AddTeam("Finance");
        var otherTeam = org.AddTeam("Legal");
        org.AddTeamMember(team, me);
        org.AddTeamMember(otherTeam, other);
        var open = org.AddProject("Open", PrivacySettings.PublicToWorkspace, otherTeam);
        var ours = org.AddProject("Ours", PrivacySettings.PrivateToTeam, team);
        var theirs = org.AddProject("Theirs", PrivacySettings.PrivateToTeam, otherTeam);
        var secret = org.AddProject("Secret", PrivacySettings.Private, memberGids: [other]);
        var viaPortfolio = org.AddProject("Via portfolio", PrivacySettings.Private, memberGids: [other]);
        var portfolio = org.AddPortfolio("Other's roadmap", other);
        org.AddPortfolioMember(portfolio, me);
        org.AddProjectToPortfolio(portfolio, viaPortfolio, inheritAccess: true);
        org.AddProjectToPortfolio(portfolio, secret, inheritAccess: false);
        var mine = org.AddPortfolio("My roadmap", me);
        var openTask = org.AddTask(open, "Open task");
        var oursTask = org.AddTask(ours, "Our task", assigneeGid: other);
        var theirsTask = org.AddTask(theirs, "Their task", assigneeGid: other);
        var secretTask = org.AddTask(secret, "Secret task", assigneeGid: me);
        org.AddTaskToProject(secretTask, theirs);
        var hiddenTask = org.AddTask(secret, "Hidden task", assigneeGid: other);
        var hiddenSub = org.AddSubtask(hiddenTask, "Hidden step");
        var portfolioTask = org.AddTask(viaPortfolio, "Portfolio task");
        var errand = org.AddProjectlessTask("Other's errand", other);
        var deleted = org.AddTask(open, "Gone soon");
        org.DeleteTask(deleted);

        var (server, service) = await ServerFixture.StartAsync(org, new SimulatorOptions { PremiumSearch = true });
        await using var _ = server;
        using var __ = service;
        using var http = As(server, server.IssuePersonalAccessToken(me));
        var ws = org.WorkspaceGid;

        var visibleProjects = new[] { open, ours, viaPortfolio };
        (await GidsAsync(http, $"projects?workspace={ws}")).Should().BeEquivalentTo(visibleProjects);
        (await GidsAsync(http, $"workspaces/{ws}/projects")).Should().BeEquivalentTo(visibleProjects);
        (await GidsAsync(http, $"teams/{otherTeam}/projects")).Should().BeEquivalentTo([open]);
        (await GidsAsync(service, $"projects?workspace={ws}")).Should().HaveCount(5, "the service account sees every project");

        foreach (var hidden in new[] { theirs, secret })
        {
            foreach (var url in new[]
            {
                $"projects/{hidden}", $"projects/{hidden}/tasks?limit=10", $"tasks?project={hidden}&limit=10", $"projects/{hidden}/sections?limit=10",
                $"memberships?parent={hidden}&limit=10", $"projects/{hidden}/project_memberships?limit=10", $"events?resource={hidden}",
                $"projects/{hidden}/project_portfolio_settings?limit=10",
            })
            {
                (await http.GetJsonAsync(url)).Status.Should().Be(403, url);
            }
        }

        var hiddenSection = org.ToWorkspaceData().Sections.First(s => s.ProjectGid == secret).Gid;
        (await http.GetJsonAsync($"sections/{hiddenSection}")).Status.Should().Be(403);
        (await http.GetJsonAsync($"sections/{hiddenSection}/tasks?limit=10")).Status.Should().Be(403);
        (await http.GetJsonAsync($"projects/{ours}/tasks?limit=10")).Status.Should().Be(200);

        var expected = org.ExpectedVisibility()[me];
        expected.Should().BeEquivalentTo([openTask, oursTask, secretTask, portfolioTask]);
        (await SearchAllAsync(http, ws)).Should().BeEquivalentTo(expected);
        (await SearchAllAsync(service, ws)).Should().HaveCount(org.TaskCount);
        (await GidsAsync(http, $"tasks?assignee={other}&workspace={ws}")).Should().BeEquivalentTo([oursTask]);
        var list = (await http.GetJsonAsync($"users/{other}/user_task_list?workspace={ws}")).Body!["data"]!["gid"]!.GetValue<string>();
        (await GidsAsync(http, $"user_task_lists/{list}/tasks")).Should().BeEquivalentTo([oursTask]);
        (await GidsAsync(service, $"user_task_lists/{list}/tasks")).Should().HaveCount(4);

        (await http.GetJsonAsync($"tasks/{oursTask}")).Status.Should().Be(200);
        foreach (var hidden in new[] { theirsTask, hiddenTask, hiddenSub, errand })
        {
            (await http.GetJsonAsync($"tasks/{hidden}")).Status.Should().Be(403, hidden);
        }

        (await http.GetJsonAsync($"tasks/{hiddenTask}/subtasks?limit=10")).Status.Should().Be(403);
        (await http.GetJsonAsync($"tasks/{deleted}")).Status.Should().Be(404, "a deleted task is unknown, not forbidden");

        // The task's projects leave out one the user cannot see.
        var (_, task) = await http.GetJsonAsync($"tasks/{secretTask}?opt_fields=memberships.project,projects");
        task!["data"]!["projects"]!.AsArray().Should().BeEmpty();
        task["data"]!["memberships"]!.AsArray().Should().BeEmpty();
        (await service.GetJsonAsync($"tasks/{secretTask}?opt_fields=projects")).Body!["data"]!["projects"]!.AsArray().Should().HaveCount(2);

        // Portfolios: only owned ones are listed; a member may read the one they belong to.
        (await GidsAsync(http, $"portfolios?workspace={ws}")).Should().BeEquivalentTo([mine]);
        (await GidsAsync(service, $"portfolios?workspace={ws}")).Should().BeEquivalentTo([portfolio, mine]);
        (await http.GetJsonAsync($"portfolios/{portfolio}")).Status.Should().Be(200);
        (await GidsAsync(http, $"portfolios/{portfolio}/items")).Should().BeEquivalentTo([viaPortfolio]);

        // People and teams stay listed; "me" is the token's user.
        (await GidsAsync(http, $"users?workspace={ws}")).Should().HaveCount(2);
        (await GidsAsync(http, $"workspaces/{ws}/teams")).Should().BeEquivalentTo([team, otherTeam]);
        (await http.GetJsonAsync("users/me")).Body!["data"]!["gid"]!.GetValue<string>().Should().Be(me);
        (await http.GetJsonAsync($"events?resource={ws}")).Status.Should().Be(403, "the workspace stream carries everything");
    }

    [Fact]
    public async Task Over_a_generated_organization_each_token_sees_exactly_its_users_tasks_and_projects()
    {
        var org = SimulatedOrganization.Generate(17, OrganizationShape.Small);
        var data = org.ToWorkspaceData();
        HashSet<string> invited;
        lock (org.Gate)
        {
            invited = org.UserList.Where(u => u.IsPendingInvitation).Select(u => u.Gid).ToHashSet();
        }

        // An invitee has no token of their own.
        var active = data.WorkspaceMemberships.Where(m => m.IsActive && !invited.Contains(m.UserGid)).ToList();
        var limited = data.TeamMemberships.First(m => m.IsLimitedAccess && !invited.Contains(m.UserGid)).UserGid;
        var guest = active.First(m => m.IsGuest).UserGid;
        var member = active.First(m => !m.IsGuest && !m.IsAdmin && m.UserGid != limited).UserGid;
        var portfolioMember = data.PortfolioMemberships.Last(m => m.MemberKind == MemberKind.User && active.Exists(a => a.UserGid == m.MemberGid && !a.IsGuest)).MemberGid;
        var (server, service) = await ServerFixture.StartAsync(org, new SimulatorOptions { PremiumSearch = true });
        await using var _ = server;
        using var __ = service;
        var expected = org.ExpectedVisibility();

        foreach (var user in new[] { member, guest, limited, portfolioMember }.Distinct())
        {
            using var http = As(server, server.IssuePersonalAccessToken(user));
            HashSet<string> projects;
            lock (org.Gate)
            {
                var u = org.UsersByGid[user];
                projects = org.ProjectList.Where(p => org.CanSeeProject(u, p)).Select(p => p.Gid).ToHashSet();
            }

            (await GidsAsync(http, $"projects?workspace={org.WorkspaceGid}")).Should().BeEquivalentTo(projects, user);
            (await SearchAllAsync(http, org.WorkspaceGid)).Should().BeEquivalentTo(expected[user], user);

            // Every task of a listed project is the user's to see; every project refused is one they cannot.
            foreach (var project in data.Projects)
            {
                var (status, _) = await http.GetJsonAsync($"projects/{project.Gid}/tasks?limit=100");
                status.Should().Be(projects.Contains(project.Gid) ? 200 : 403);
                if (status == 200)
                {
                    (await GidsAsync(http, $"projects/{project.Gid}/tasks")).Should().BeSubsetOf(expected[user]);
                }
            }
        }
    }

    [Fact]
    public async Task Configured_tokens_work_and_a_deactivated_users_or_an_invitees_token_is_refused()
    {
        var org = SimulatedOrganization.Generate(18, OrganizationShape.Small);
        var user = org.GetUserGids()[3];
        var invitee = org.AddUser("Ina Invited", "ina@acme.example", pendingInvitation: true);
        var options = new SimulatorOptions { PersonalAccessTokens = new Dictionary<string, string> { ["pat-user"] = user, ["pat-invitee"] = invitee } };
        var (server, service) = await ServerFixture.StartAsync(org, options);
        await using var _ = server;
        using var __ = service;
        using var http = As(server, "pat-user");
        using var pending = As(server, "pat-invitee");

        (await http.GetJsonAsync("users/me")).Body!["data"]!["gid"]!.GetValue<string>().Should().Be(user);
        (await pending.GetJsonAsync("users/me")).Status.Should().Be(401);
        org.DeactivateUser(user);
        (await http.GetJsonAsync("users/me")).Status.Should().Be(401);
        org.ReactivateUser(user);
        (await http.GetJsonAsync("users/me")).Status.Should().Be(200);
        (await service.GetJsonAsync("users/me")).Body!["data"]!["gid"]!.GetValue<string>().Should().NotBe(user);
        FluentActions.Invoking(() => server.IssuePersonalAccessToken("123")).Should().Throw<ArgumentException>();
        (await http.GetJsonAsync($"workspaces/{org.WorkspaceGid}/events")).Status.Should().Be(402);
    }
}
