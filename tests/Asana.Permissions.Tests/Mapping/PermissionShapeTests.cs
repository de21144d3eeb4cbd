using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests.Mapping;

/// <summary>The exact Merge objects of permission-rules §2.</summary>
public sealed class PermissionShapeTests
{
    private static readonly string[] None = [];
    private static readonly string[] View = ["VIEW"];

    private static Permission Allowed(string[]? users = null, string[]? roles = null, string[]? teams = null) =>
        new(PermissionEffect.Allowed, View, users ?? None, roles ?? None, teams ?? None, None, None);

    private static Permission Inherited(string[]? collections = null, string[]? tickets = null) =>
        new(PermissionEffect.Inherited, None, None, None, None, collections ?? None, tickets ?? None);

    private static WorkspacePermissions Engine() => new WorkspaceBuilder()
        .User("u1").User("u2").User("gone", active: false).User("g", guest: true).User("boss", admin: true)
        .Team("tA", "A", "u1", "g").Team("tB", "B")
        .Project("pub", "Public", PrivacySettings.PublicToWorkspace, team: "tB", users: ["u1", "gone"], teams: ["tA"])
        .Project("team", "Team", PrivacySettings.PrivateToTeam, team: "tB")
        .Project("priv", "Private", PrivacySettings.Private, team: "tB")
        .Project("priv2", "Private with members", PrivacySettings.Private, team: "tB", users: ["u2"], teams: ["tA"])
        .Section("sec", "pub")
        .Task("task", assignee: "u1", followers: ["u1", "u2", "gone", "u2"], projects: ["pub", "priv"], section: "sec")
        .Task("lonely")
        .Task("single", projects: ["team"])
        .Task("sub", followers: ["u2"], parent: "task")
        .Task("bare-sub", parent: "task")
        .Engine();

    public static TheoryData<string, Permission[]> ProjectCases => new()
    {
        { "pub", [Allowed(roles: ["ADMIN", "MEMBER"]), Allowed(teams: ["tA", "tB"]), Allowed(users: ["u1", "gone"])] },
        { "team", [Allowed(teams: ["tB"])] },
        { "priv", [] },
        { "priv2", [Allowed(teams: ["tA"]), Allowed(users: ["u2"])] },
    };

    [Theory]
    [MemberData(nameof(ProjectCases))]
    public void GetCollection_Project_HasOneObjectPerIndependentGrant(string project, Permission[] expected)
    {
        var collection = Engine().GetCollection(project)!;

        collection.CollectionType.Should().Be(CollectionType.Project);
        collection.ParentCollection.Should().BeNull();
        collection.Permissions.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
    }

    [Fact]
    public void GetCollection_Section_InheritsFromItsProject()
    {
        var section = Engine().GetCollection("sec")!;

        section.Should().BeEquivalentTo(new Collection("sec", "Section sec", CollectionType.List, "pub", [Inherited(collections: ["pub"])], null, CollectionAccessLevel.ParentCollection),
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void GetTicket_TaskInProjects_HasCollaboratorsAndInheritance()
    {
        var ticket = Engine().GetTicket("task")!;

        ticket.Should().BeEquivalentTo(
            new Ticket("task", "Task task", "task", null, ["pub", "priv", "sec"], ["u1"],
                [Allowed(users: ["u1", "u2", "gone"]), Inherited(collections: ["pub", "priv"])], null,
                null, TicketStatus.Open, null, null, null, null, [], null),
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void GetTicket_SingleProjectTask_InheritsOnly()
    {
        Engine().GetTicket("single")!.Permissions.Should().BeEquivalentTo(new[] { Inherited(collections: ["team"]) }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void GetTicket_ProjectlessTaskWithoutCollaborators_HasNoEmptyPermissionObject()
    {
        var ticket = Engine().GetTicket("lonely")!;

        ticket.Permissions.Should().BeEmpty();
        ticket.Collections.Should().BeEmpty();
        ticket.Assignees.Should().BeEmpty();
    }

    [Fact]
    public void GetTicket_Subtask_AlsoInheritsFromParentTicket()
    {
        var engine = Engine();

        engine.GetTicket("sub")!.Should().BeEquivalentTo(
            new Ticket("sub", "Task sub", "subtask", "task", [], [], [Allowed(users: ["u2"]), Inherited(tickets: ["task"])], null,
                null, TicketStatus.Open, null, null, null, null, [], null),
            o => o.WithStrictOrdering());
        engine.GetTicket("bare-sub")!.Permissions.Should().BeEquivalentTo(new[] { Inherited(tickets: ["task"]) }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void ToMergeModel_EveryPermissionObject_HasAFilledListAndMatchingActions()
    {
        var model = Engine().ToMergeModel();
        var permissions = model.Collections.SelectMany(c => c.Permissions).Concat(model.Tickets.SelectMany(t => t.Permissions)).ToList();

        permissions.Should().NotBeEmpty();
        permissions.Should().OnlyContain(p => p.AppliedToUsers.Count + p.AppliedToRoles.Count + p.AppliedToTeams.Count
            + p.AppliedToCollections.Count + p.AppliedToTickets.Count > 0);
        permissions.Should().OnlyContain(p => p.Effect == PermissionEffect.Allowed ? p.Actions.SequenceEqual(View) : p.Actions.Count == 0);
    }

    [Fact]
    public void ToMergeModel_UsersRolesTeams_MirrorMemberships()
    {
        var model = Engine().ToMergeModel();

        model.Roles.Select(r => r.RemoteId).Should().Equal("ADMIN", "GUEST", "MEMBER");
        model.Users.Select(u => u.RemoteId).Should().Equal("boss", "g", "gone", "u1", "u2");
        model.Users.Should().ContainEquivalentOf(new User("g", "User g", "g@acme.test", true, ["GUEST"], ["tA"]));
        model.Users.Should().ContainEquivalentOf(new User("boss", "User boss", "boss@acme.test", true, ["ADMIN"], []));
        model.Users.Should().ContainEquivalentOf(new User("gone", "User gone", "gone@acme.test", false, ["MEMBER"], []));
        model.Teams.Select(t => t.RemoteId).Should().Equal("tA", "tB");
        model.Collections.Select(c => c.RemoteId).Should().Equal("priv", "priv2", "pub", "sec", "team");
        model.Tickets.Select(t => t.RemoteId).Should().Equal("bare-sub", "lonely", "single", "sub", "task");
    }

    [Fact]
    public void ToWorkspaceData_RoundTrip_RebuildsTheSameModel()
    {
        var engine = Engine();

        var rebuilt = WorkspacePermissions.Build(engine.ToWorkspaceData());

        rebuilt.ToMergeModel().Should().BeEquivalentTo(engine.ToMergeModel(), o => o.WithStrictOrdering());
    }
}
