using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests.Evaluation;

/// <summary>Explain: every grant, readable descriptions, gid chains, denial reasons.</summary>
public sealed class ExplainTests
{
    private static readonly WorkspacePermissions Engine = ScenarioWorkspace.Create()
        .Task("t-many", assignee: "alice", followers: ["alice"], projects: ["launch", "roadmap"])
        .Engine();

    [Fact]
    public void Explain_TeamMemberOfPrivateProject_NamesTeamProjectAndTask()
    {
        var decision = Engine.Explain("hank", "t-secret");

        decision.Allowed.Should().BeTrue();
        decision.DenialReason.Should().BeNull();
        decision.Because.Should().BeEquivalentTo(new[]
        {
            new AccessGrant(GrantKind.ProjectMemberTeam, "member of team Engineering, which is a member of project Secret, which holds the task",
                ["team:engineering", "project:secret", "task:t-secret"]),
        }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Explain_SeveralGrants_ReturnsAllOfThem()
    {
        var decision = Engine.Explain("alice", "t-many");

        decision.Because.Select(g => g.Kind).Should().Equal(
            GrantKind.Assignee, GrantKind.Follower, GrantKind.ProjectTeam, GrantKind.WorkspaceMember, GrantKind.ProjectTeam);
        decision.Because[0].Description.Should().Be("assignee of the task");
        decision.Because[3].Via.Should().Equal("role:1:MEMBER", "project:launch", "task:t-many");
        decision.Because[4].Description.Should().Be("member of team Marketing, the team of team only project Roadmap, which holds the task");
    }

    [Fact]
    public void Explain_NestedSubtask_DescribesTheParentChain()
    {
        var decision = Engine.Explain("gina", "t-subsub");

        decision.Because.Should().ContainSingle().Which.Should().BeEquivalentTo(new AccessGrant(
            GrantKind.ParentTask,
            "member of project Secret, which holds task Task t-secret, the parent of task Task t-sub, the parent of the task",
            ["user:gina", "project:secret", "task:t-secret", "task:t-sub", "task:t-subsub"]), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Explain_GuestCollaboratorOnSubtask_GrantsAsFollower()
    {
        Engine.Explain("dave", "t-subsub").Because.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new AccessGrant(GrantKind.Follower, "collaborator (follower) of the task", ["user:dave", "task:t-subsub"]));
    }

    [Fact]
    public void Explain_ProjectlessOptIn_UsesItsOwnKind()
    {
        var decision = ScenarioWorkspace.Create().Engine(projectless: true).Explain("erin", "t-projectless");

        decision.Because.Should().ContainSingle().Which.Kind.Should().Be(GrantKind.ProjectlessWorkspaceMember);
        decision.Because[0].Via.Should().Equal("role:1:ADMIN", "task:t-projectless");
    }

    [Theory]
    [InlineData("nobody", "t-launch", "unknown user")]
    [InlineData("alice", "no-such-task", "unknown ticket")]
    [InlineData("alice", "t-unread", "unknown ticket")]
    [InlineData("frank", "t-launch", "user is not an active member of the workspace")]
    [InlineData("dave", "t-launch", "no grant: ")]
    [InlineData("erin", "t-secret", "no grant: ")]
    public void Explain_Denied_GivesTheReason(string user, string task, string reasonStart)
    {
        var decision = Engine.Explain(user, task);

        decision.Allowed.Should().BeFalse();
        decision.Because.Should().BeEmpty();
        decision.DenialReason.Should().StartWith(reasonStart);
    }

    [Fact]
    public void Explain_EveryPair_AllowsExactlyWhenCanView()
    {
        var data = ScenarioWorkspace.Create().Build();
        foreach (var user in ScenarioWorkspace.Users)
        {
            foreach (var task in data.Tasks)
            {
                Engine.Explain(user, task.Gid).Allowed.Should().Be(Engine.CanView(user, task.Gid), "{0} / {1}", user, task.Gid);
            }
        }
    }
}
