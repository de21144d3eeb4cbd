using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests.Rules;

/// <summary>
/// Portfolios: a project whose portfolio setting has <c>is_access_control_inherited</c> is also visible to that
/// portfolio's members (users, and full-access members of member teams). A setting without it grants nothing.
/// </summary>
public sealed class PortfolioTests
{
    private static WorkspaceBuilder Workspace() => new WorkspaceBuilder()
        .User("pm").User("lead").User("eng-member").User("eng-limited").User("outsider").User("guest", guest: true)
        .User("gone", active: false)
        .Team("eng", "Engineering", "eng-member").LimitedMembers("eng", "eng-limited")
        .Project("launch", "Launch", PrivacySettings.Private)
        .Project("budget", "Budget", PrivacySettings.Private)
        .Portfolio("q4", "Q4 Plans", users: ["pm", "guest", "gone"], teams: ["eng"], shares: ["launch"], holds: ["budget"])
        .Portfolio("board", "Board", users: ["lead"], shares: ["budget", "unread-project"])
        .Task("t-launch", projects: ["launch"])
        .Task("t-launch-sub", parent: "t-launch")
        .Task("t-budget", projects: ["budget"]);

    [Theory]
    [InlineData("pm", "t-launch", true)]
    [InlineData("pm", "t-launch-sub", true)]
    [InlineData("guest", "t-launch", true)]
    [InlineData("gone", "t-launch", false)]
    [InlineData("eng-member", "t-launch", true)]
    [InlineData("eng-limited", "t-launch", false)]
    [InlineData("outsider", "t-launch", false)]
    [InlineData("pm", "t-budget", false)]
    [InlineData("lead", "t-budget", true)]
    [InlineData("lead", "t-launch", false)]
    public void CanView_PortfolioMembers_SeeTheProjectsItShares(string user, string task, bool expected)
    {
        EveryAnswer.ShouldBe(Workspace().Engine(), user, task, expected);
    }

    [Fact]
    public void Explain_PortfolioMember_NamesPortfolioAndProject()
    {
        var engine = Workspace().Engine();

        engine.Explain("pm", "t-launch").Because.Should().BeEquivalentTo(new[]
        {
            new AccessGrant(GrantKind.PortfolioMember, "member of portfolio Q4 Plans, which shares project Launch, which holds the task",
                ["user:pm", "portfolio:q4", "project:launch", "task:t-launch"]),
        }, o => o.WithStrictOrdering());
        engine.Explain("eng-member", "t-launch-sub").Because.Should().BeEquivalentTo(new[]
        {
            new AccessGrant(GrantKind.ParentTask,
                "member of team Engineering, which is a member of portfolio Q4 Plans, which shares project Launch, which holds task Task t-launch, the parent of the task",
                ["team:eng", "portfolio:q4", "project:launch", "task:t-launch", "task:t-launch-sub"]),
        }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Tokens_ProjectSharedByAPortfolio_CarryItsUsersAndTeams()
    {
        var engine = Workspace().Engine();

        engine.GetTicketPrincipalTokens("t-launch").Should().Equal("team:eng", "user:gone", "user:guest", "user:pm");
        engine.GetTicketPrincipalTokens("t-budget").Should().Equal("user:lead");
    }

    [Fact]
    public void MergeModel_Project_HasOneAllowedObjectPerPortfolioUsersAndTeams()
    {
        var launch = Workspace().Engine().GetCollection("launch")!;

        launch.Permissions.Should().BeEquivalentTo(new[]
        {
            new Permission(PermissionEffect.Allowed, [PermissionActions.View], ["gone", "guest", "pm"], [], [], [], []),
            new Permission(PermissionEffect.Allowed, [PermissionActions.View], [], [], ["eng"], [], []),
        }, o => o.WithStrictOrdering());
        Workspace().Engine().GetCollection("budget")!.Permissions.Should().ContainSingle()
            .Which.AppliedToUsers.Should().Equal("lead");
    }

    [Fact]
    public void UpsertAndRemovePortfolio_MatchAFreshBuild()
    {
        var builder = Workspace();
        var engine = builder.Engine();

        var members = new[] { new PortfolioMembershipRecord("board", "outsider", MemberKind.User) };
        var settings = new[] { new ProjectPortfolioSettingRecord("board", "launch", true) };
        engine.UpsertPortfolio(new PortfolioRecord("board", "Board"), members, settings);
        builder.UpsertPortfolio(new PortfolioRecord("board", "Board"), members, settings);
        AssertSameAnswers(engine, builder);
        engine.CanView("outsider", "t-launch").Should().BeTrue();
        engine.CanView("lead", "t-budget").Should().BeFalse();

        engine.RemovePortfolio("q4");
        builder.RemovePortfolio("q4");
        AssertSameAnswers(engine, builder);
        engine.CanView("pm", "t-launch").Should().BeFalse();
        engine.GetCollection("launch")!.Permissions.Should().ContainSingle().Which.AppliedToUsers.Should().Equal("outsider");
    }

    [Fact]
    public void ToWorkspaceData_RoundTripsPortfolios()
    {
        var data = Workspace().Engine().ToWorkspaceData();

        data.Portfolios.Select(p => p.Gid).Should().BeEquivalentTo("q4", "board");
        data.PortfolioMemberships.Should().HaveCount(5);
        data.ProjectPortfolioSettings.Should().Contain(new ProjectPortfolioSettingRecord("q4", "budget", false));
        WorkspacePermissions.Build(data).CanView("eng-member", "t-launch").Should().BeTrue();
    }

    private static void AssertSameAnswers(WorkspacePermissions engine, WorkspaceBuilder builder)
    {
        var fresh = WorkspacePermissions.Build(builder.Build());
        foreach (var user in builder.Users.Select(u => u.Gid))
        {
            engine.ListAccessible(user).Should().Equal(fresh.ListAccessible(user), "user {0}", user);
        }

        foreach (var task in builder.Tasks.Select(t => t.Gid))
        {
            engine.GetTicketPrincipalTokens(task).Should().Equal(fresh.GetTicketPrincipalTokens(task), "task {0}", task);
        }

        engine.ToMergeModel().Collections.Should().BeEquivalentTo(fresh.ToMergeModel().Collections);
    }
}
