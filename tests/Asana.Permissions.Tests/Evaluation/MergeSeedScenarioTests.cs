using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests.Evaluation;

/// <summary>The scenarios of Merge's "Asana integration nuances" document, on <see cref="ScenarioWorkspace"/>.</summary>
public sealed class MergeSeedScenarioTests
{
    private static readonly WorkspacePermissions Default = ScenarioWorkspace.Create().Engine();
    private static readonly WorkspacePermissions OptIn = ScenarioWorkspace.Create().Engine(projectless: true);

    // task, projectless opt-in, the users who see it
    public static TheoryData<string, bool, string[]> Cases => new()
    {
        // Broadly shared project: roles ADMIN and MEMBER, plus its team (guest carol is in it); dave (guest) and frank (inactive) are out.
        { "t-launch", false, ["alice", "bob", "carol", "erin", "gina", "hank"] },
        // Team-only project: the project's team only, guests in the team included; admins get nothing extra.
        { "t-roadmap", false, ["alice", "carol"] },
        // Private project: members only, user and team members; its team (marketing) counts for nothing.
        { "t-secret", false, ["gina", "hank"] },
        // Task in several projects: any one suffices.
        { "t-multi", false, ["alice", "carol"] },
        // Collaborators not in the project see the task (guest dave included), project non-members do not.
        { "t-collab", false, ["bob", "dave"] },
        // Project-less task: collaborators only by default ...
        { "t-projectless", false, ["bob"] },
        // ... every active non-guest member with the opt-in.
        { "t-projectless", true, ["alice", "bob", "erin", "gina", "hank"] },
        // Subtasks inherit from the parent, at any depth, and add their own collaborators.
        { "t-sub", false, ["gina", "hank"] },
        { "t-subsub", false, ["dave", "gina", "hank"] },
        { "t-projectless-sub", false, ["bob"] },
        { "t-projectless-sub", true, ["alice", "bob", "erin", "gina", "hank"] },
        // A subtask whose parent was never read gets only its own grants; it is not project-less.
        { "t-orphan", false, ["bob"] },
        { "t-orphan", true, ["bob"] },
        // A project that was not read grants nothing, and the task is not project-less either.
        { "t-ghost", false, [] },
        { "t-ghost", true, [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CanView_SeedScenario_MatchesExpectedUsers(string task, bool projectless, string[] expected)
    {
        var engine = projectless ? OptIn : Default;

        var seeing = ScenarioWorkspace.Users.Where(user => engine.CanView(user, task)).ToArray();

        seeing.Should().BeEquivalentTo(expected);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ListPrincipals_SeedScenario_MatchesExpectedUsersInOrdinalOrder(string task, bool projectless, string[] expected)
    {
        var engine = projectless ? OptIn : Default;

        engine.ListPrincipals(task).Should().Equal(expected.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ListAccessible_SeedScenario_AgreesWithCanView(string task, bool projectless, string[] expected)
    {
        var engine = projectless ? OptIn : Default;

        foreach (var user in ScenarioWorkspace.Users)
        {
            engine.ListAccessible(user).Contains(task).Should().Be(expected.Contains(user), "user {0}", user);
        }
    }

    [Fact]
    public void ListAccessible_MemberOfMarketing_ReturnsOrdinalOrderedTasks()
    {
        Default.ListAccessible("alice").Should().Equal("t-launch", "t-multi", "t-roadmap");
    }

    [Fact]
    public void Sections_AreCollectionsInheritingFromTheirProject()
    {
        Default.GetCollection("launch-todo")!.ParentCollection.Should().Be("launch");
        Default.GetCollection("secret-todo")!.Permissions.Should().ContainSingle()
            .Which.AppliedToCollections.Should().Equal("secret");
    }

    [Theory]
    [InlineData("alice@acme.test", "alice")]
    [InlineData("ALICE@ACME.TEST", "alice")]
    [InlineData("alice", "alice")]
    [InlineData("bob@acme.test", "bob")]
    [InlineData("nobody@acme.test", null)]
    [InlineData("nobody", null)]
    public void ResolveUser_GidOrEmail_IsCaseInsensitiveOnEmail(string input, string? expected)
    {
        Default.ResolveUser(input).Should().Be(expected);
    }

    [Fact]
    public void CanView_ByEmail_AnswersAsByGid()
    {
        Default.CanView("ALICE@acme.test", "t-roadmap").Should().BeTrue();
        Default.CanView("BOB@acme.test", "t-roadmap").Should().BeFalse();
        Default.ListAccessible("Alice@ACME.test").Should().Equal(Default.ListAccessible("alice"));
    }

    [Fact]
    public void UnknownUserOrTicket_AnswersEmpty_NeverThrows()
    {
        Default.CanView("nobody", "t-launch").Should().BeFalse();
        Default.CanView("alice", "nothing").Should().BeFalse();
        Default.ListAccessible("nobody").Should().BeEmpty();
        Default.ListPrincipals("nothing").Should().BeEmpty();
        Default.GetTicketPrincipalTokens("nothing").Should().BeEmpty();
        Default.GetUserPrincipalTokens("nobody").Should().BeEmpty();
        Default.GetTicket("nothing").Should().BeNull();
        Default.GetCollection("nothing").Should().BeNull();
    }
}
