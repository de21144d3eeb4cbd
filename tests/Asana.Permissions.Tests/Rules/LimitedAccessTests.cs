using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests.Rules;

/// <summary>
/// Limited-access team members (<c>is_limited_access</c>) see only the team's projects and tasks they were added to
/// themselves: no grant through the team (project rules 2 and 3, portfolio teams), no <c>team:</c> token, no team in
/// their Merge user. They remain full users for rules 1 and 4 and the task rules.
/// </summary>
public sealed class LimitedAccessTests
{
    private static WorkspaceBuilder Workspace() => new WorkspaceBuilder()
        .User("full").User("limited").User("limited-member").User("limited-collab").User("limited-guest", guest: true)
        .Team("eng", "Engineering", "full")
        .LimitedMembers("eng", "limited", "limited-member", "limited-collab", "limited-guest")
        .Team("ops", "Operations")
        .Project("team-only", "Team only", PrivacySettings.PrivateToTeam, team: "eng")
        .Project("shared-team", "Shared with a team", PrivacySettings.Private, teams: ["eng"], users: ["limited-member"])
        .Project("public", "Public", PrivacySettings.PublicToWorkspace, team: "eng")
        .Task("t-team-only", projects: ["team-only"])
        .Task("t-shared", projects: ["shared-team"])
        .Task("t-public", projects: ["public"])
        .Task("t-collab", followers: ["limited-collab"], projects: ["team-only"])
        .Task("t-collab-sub", parent: "t-collab");

    [Theory]
    [InlineData("full", "t-team-only", true)]
    [InlineData("limited", "t-team-only", false)]
    [InlineData("limited-guest", "t-team-only", false)]
    [InlineData("full", "t-shared", true)]
    [InlineData("limited", "t-shared", false)]
    [InlineData("limited-member", "t-shared", true)]
    [InlineData("limited", "t-public", true)]
    [InlineData("limited-guest", "t-public", false)]
    [InlineData("limited-collab", "t-collab", true)]
    [InlineData("limited-collab", "t-collab-sub", true)]
    [InlineData("limited-collab", "t-team-only", false)]
    public void CanView_LimitedMember_OnlyWhatTheyWereAddedTo(string user, string task, bool expected)
    {
        EveryAnswer.ShouldBe(Workspace().Engine(), user, task, expected);
    }

    [Fact]
    public void Tokens_LimitedMember_HoldsNoTeamToken()
    {
        var engine = Workspace().Engine();

        engine.GetUserPrincipalTokens("limited").Should().Equal("role:1:MEMBER", "user:limited");
        engine.GetUserPrincipalTokens("full").Should().Equal("role:1:MEMBER", "team:eng", "user:full");
    }

    [Fact]
    public void Explain_LimitedMemberOfTheProjectsTeam_GetsOnlyTheirOwnGrant()
    {
        var decision = Workspace().Engine().Explain("limited-member", "t-shared");

        decision.Because.Should().ContainSingle().Which.Kind.Should().Be(GrantKind.ProjectMember);
    }

    [Fact]
    public void MergeModel_UserTeams_ListOnlyMembershipsThatConferTeamAccess()
    {
        var model = Workspace().Engine().ToMergeModel();

        model.Users.Single(u => u.RemoteId == "full").Teams.Should().Equal("eng");
        model.Users.Single(u => u.RemoteId == "limited").Teams.Should().BeEmpty();
    }

    [Fact]
    public void ToWorkspaceData_KeepsLimitedMembershipsAsRead()
    {
        var data = Workspace().Engine().ToWorkspaceData();

        data.TeamMemberships.Where(m => m.IsLimitedAccess).Select(m => m.UserGid)
            .Should().BeEquivalentTo("limited", "limited-member", "limited-collab", "limited-guest");
    }

    [Fact]
    public void UpsertTeam_LimitingAFullMember_RevokesTeamGrants_AndLiftingItRestoresThem()
    {
        var builder = Workspace();
        var engine = builder.Engine();
        engine.CanView("full", "t-team-only").Should().BeTrue();

        var limited = builder.TeamMemberships.Where(m => m.TeamGid == "eng")
            .Select(m => m with { IsLimitedAccess = true }).ToList();
        engine.UpsertTeam(new TeamRecord("eng", "Engineering"), limited);

        engine.CanView("full", "t-team-only").Should().BeFalse();
        engine.GetUserPrincipalTokens("full").Should().NotContain("team:eng");

        engine.UpsertTeam(new TeamRecord("eng", "Engineering"), [.. limited.Select(m => m with { IsLimitedAccess = false })]);

        engine.CanView("limited", "t-team-only").Should().BeTrue();
        engine.CanView("full", "t-team-only").Should().BeTrue();
    }
}
