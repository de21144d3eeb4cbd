using Asana.Permissions.Sources;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests.Mapping;

/// <summary>
/// The exact shape of <c>Ticket.Collections</c> for every mix of placements, the pieces tickets share to stay within
/// their memory budget, and Merge users known by one record only.
/// </summary>
public sealed class TicketShapeTests
{
    private static WorkspacePermissions Engine(params TaskRecord[] tasks)
    {
        var builder = new WorkspaceBuilder().User("u1").User("u2")
            .Project("p1", "P1", PrivacySettings.Private).Project("p2", "P2", PrivacySettings.Private).Project("p3", "P3", PrivacySettings.Private)
            .Section("s1", "p1").Section("s2", "p2").Section("s3", "p3");
        builder.Tasks.AddRange(tasks);
        return builder.Engine();
    }

    private static TaskRecord Task(string gid, params (string Project, string? Section)[] placements)
        => new(gid, gid, null, [], [.. placements.Select(p => new TaskPlacement(p.Project, p.Section))], null);

    public static TheoryData<(string, string?)[], string[]> Placements => new()
    {
        { [("p1", null)], ["p1"] },
        { [("p1", "s1")], ["p1", "s1"] },
        { [("p1", null), ("p2", null)], ["p1", "p2"] },
        { [("p1", "s1"), ("p2", null)], ["p1", "p2", "s1"] },
        { [("p1", "s1"), ("p2", "s1")], ["p1", "p2", "s1"] },
        { [("p1", "s1"), ("p2", "s2"), ("p3", "s2")], ["p1", "p2", "p3", "s1", "s2"] },
        { [("p1", "s1"), ("p2", "s2"), ("p3", "s1")], ["p1", "p2", "p3", "s1", "s2"] },
        { [("p1", "s1"), ("p1", "s3")], ["p1", "s1", "s3"] },
        { [("p1", "s1"), ("p1", "s1")], ["p1", "s1"] },
    };

    [Theory]
    [MemberData(nameof(Placements))]
    public void Collections_AreTheDistinctProjectsThenTheDistinctSections((string, string?)[] placements, string[] expected)
    {
        var ticket = Engine(Task("t", placements)).GetTicket("t")!;

        ticket.Collections.Should().Equal(expected);
        ticket.Permissions.SelectMany(p => p.AppliedToCollections).Should().Equal(expected.Where(c => c.StartsWith('p')));
    }

    [Fact]
    public void TasksOfOneProject_ShareTheirInheritedPermissionList()
    {
        var engine = Engine(Task("a", ("p1", null)), Task("b", ("p1", "s1")));

        engine.GetTicket("a")!.Permissions.Should().BeSameAs(engine.GetTicket("b")!.Permissions);
    }

    [Fact]
    public void OneCollaborator_SharesTheUsersObject_AndAMultiHomedTaskSharesItsProjectList()
    {
        var a = new TaskRecord("a", "A", "u1", [], [new TaskPlacement("p1", null)], null);
        var b = new TaskRecord("b", "B", "u1", ["u1"], [new TaskPlacement("p2", null)], null);
        var c = Task("c", ("p1", null), ("p2", null));
        var engine = Engine(a, b, c);

        engine.GetTicket("a")!.Permissions[0].Should().BeSameAs(engine.GetTicket("b")!.Permissions[0]);
        var multi = engine.GetTicket("c")!;
        multi.Permissions.Should().ContainSingle().Which.AppliedToCollections.Should().BeSameAs(multi.Collections);
    }

    [Fact]
    public void MergeUser_KnownByOneRecordOnly_HasNoRoleWithoutMembership_AndNoNameWithoutRecord()
    {
        var data = new WorkspaceData(
            new WorkspaceRecord("1", "Acme", true),
            [new UserRecord("listed", "Listed", "listed@acme.test")],
            [new WorkspaceMembershipRecord("member-only", true, false, false)],
            [], [], [], [], [], []);
        var users = WorkspacePermissions.Build(data).ToMergeModel().Users;

        users.Should().HaveCount(2);
        var listed = users.Single(u => u.RemoteId == "listed");
        listed.Roles.Should().BeEmpty("a user without a workspace membership holds no role");
        listed.IsActive.Should().BeFalse();
        var memberOnly = users.Single(u => u.RemoteId == "member-only");
        memberOnly.Name.Should().BeEmpty();
        memberOnly.Roles.Should().Equal("MEMBER");
    }
}
