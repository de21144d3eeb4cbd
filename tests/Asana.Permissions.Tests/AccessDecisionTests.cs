using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests;

/// <summary>Result records print their contents, not the type names of their lists.</summary>
public sealed class AccessDecisionTests
{
    private static readonly WorkspacePermissions Engine = ScenarioWorkspace.Create().Engine();

    [Fact]
    public void ToString_Allowed_ShowsEveryGrant_WithItsDescriptionAndChain()
    {
        var decision = Engine.Explain("hank", "t-secret");

        decision.ToString().Should().Be(
            "AccessDecision { Allowed = True, Because = [AccessGrant { Kind = ProjectMemberTeam, "
            + "Description = member of team Engineering, which is a member of project Secret, which holds the task, "
            + "Via = [team:engineering, project:secret, task:t-secret] }], DenialReason =  }");
    }

    [Fact]
    public void ToString_Denied_ShowsTheEmptyListAndTheReason()
    {
        var decision = Engine.Explain("dave", "t-secret");

        decision.Allowed.Should().BeFalse();
        decision.ToString().Should().StartWith("AccessDecision { Allowed = False, Because = [], DenialReason = ")
            .And.Contain(decision.DenialReason!)
            .And.NotContain("System.");
    }

    [Fact]
    public void ToString_LongList_ShowsTheFirstTwentyAndCountsTheRest()
    {
        var grant = new AccessGrant(GrantKind.Follower, "collaborator", [.. Enumerable.Range(1, 25).Select(i => $"task:{i}")]);

        grant.ToString().Should().Be(
            "AccessGrant { Kind = Follower, Description = collaborator, Via = ["
            + string.Join(", ", Enumerable.Range(1, 20).Select(i => $"task:{i}")) + ", … 5 more] }");
    }

    [Fact]
    public void ToString_MergeModelRecords_ShowTheirLists()
    {
        var permission = new Permission(PermissionEffect.Allowed, ["READ"], ["u1", "u2"], [], ["team1"], [], []);
        var ticket = new Ticket("t1", "Launch plan", "TASK", null, ["p1"], ["u1"], [permission], null, null, TicketStatus.Open, null, null, null, null, [], null);
        var user = new User("u1", "Alice", "alice@acme.example", true, ["MEMBER"], ["team1"]);
        var collection = new Collection("p1", "Launch", CollectionType.Project, null, [permission], null, CollectionAccessLevel.Private);

        ticket.ToString().Should().Contain("Collections = [p1], Assignees = [u1], Permissions = [Permission { Effect = Allowed, Actions = [READ], AppliedToUsers = [u1, u2], AppliedToRoles = [], AppliedToTeams = [team1]");
        user.ToString().Should().Contain("Roles = [MEMBER], Teams = [team1]");
        collection.ToString().Should().Contain("Permissions = [Permission { Effect = Allowed");
        var model = new MergeModel(new WorkspaceRecord("1", "Acme", true), [], [user], [], [collection], [ticket]);
        model.ToString().Should().Contain("Users = [User { RemoteId = u1").And.Contain("Tickets = [Ticket { RemoteId = t1");
        foreach (var text in new[] { permission.ToString(), ticket.ToString(), user.ToString(), collection.ToString(), model.ToString() })
        {
            text.Should().NotContain("System.Collections").And.NotContain("[]`").And.NotContain("List`1");
        }
    }

    [Fact]
    public void ToString_SourceRecords_ShowTheirLists()
    {
        var task = new TaskRecord("50", "Budget", "10", ["11", "12"], [new TaskPlacement("30", "40")], null);
        var data = new WorkspaceData(new WorkspaceRecord("1", "Acme", true), [], [], [], [], [], [], [], [task]);

        task.ToString().Should().Contain("FollowerGids = [11, 12], Memberships = [TaskPlacement { ProjectGid = 30, SectionGid = 40 }]");
        data.ToString().Should().Contain("Tasks = [TaskRecord { Gid = 50").And.Contain("Portfolios = []").And.NotContain("System.");
    }
}
