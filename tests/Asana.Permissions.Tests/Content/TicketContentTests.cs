using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests.Content;

/// <summary>Content fields (permission-rules §2, content table) and comments: they follow their records and grant nothing.</summary>
public sealed class TicketContentTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static WorkspaceBuilder Builder()
    {
        var builder = new WorkspaceBuilder()
            .User("u1").User("u2").User("g", guest: true)
            .Team("tA", "A", "u1")
            .Project("pub", "Public", PrivacySettings.PublicToWorkspace)
            .Project("team", "Team", PrivacySettings.PrivateToTeam, team: "tA")
            .Project("priv", "Private", PrivacySettings.Private, users: ["u2"])
            .Project("odd", "Odd", "some_future_value", users: ["u2"])
            .Section("sec", "pub")
            .Task("due-on", assignee: "u1", projects: ["priv"])
            .Task("due-at", projects: ["pub"])
            .Task("bare", projects: ["pub"]);
        Replace(builder, "due-on", t => t with
        {
            Notes = "Ship it",
            Completed = true,
            Details = new TaskDetails(Created, Created.AddDays(2), "2026-03-10", null, "u2", "https://app.asana.com/0/0/due-on",
                [new TagRecord("g1", "urgent"), new TagRecord("g2", "launch")]),
        });
        Replace(builder, "due-at", t => t with
        {
            Details = new TaskDetails(Created, null, "2026-03-10", Created.AddDays(5), null, null, [new TagRecord("g1", "urgent")]),
        });
        return builder;
    }

    private static void Replace(WorkspaceBuilder builder, string gid, Func<TaskRecord, TaskRecord> change)
    {
        var index = builder.Tasks.FindIndex(t => t.Gid == gid);
        builder.Tasks[index] = change(builder.Tasks[index]);
    }

    [Fact]
    public void Ticket_CarriesTheTasksContent_InMergesShape()
    {
        var ticket = Builder().Engine().GetTicket("due-on")!;

        ticket.Description.Should().Be("Ship it");
        ticket.Status.Should().Be(TicketStatus.Closed);
        ticket.CompletedAt.Should().Be(Created.AddDays(2));
        ticket.DueDate.Should().Be(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero), "due_on at midnight UTC");
        ticket.Creator.Should().Be("u2");
        ticket.TicketUrl.Should().Be("https://app.asana.com/0/0/due-on");
        ticket.Tags.Should().Equal("g1", "g2");
        ticket.RemoteCreatedAt.Should().Be(Created);
    }

    [Fact]
    public void Ticket_DueAtWinsOverDueOn_AndNoDetailsMeansNone()
    {
        var engine = Builder().Engine();

        engine.GetTicket("due-at")!.DueDate.Should().Be(Created.AddDays(5));
        var bare = engine.GetTicket("bare")!;
        bare.Should().Match<Ticket>(t => t.Status == TicketStatus.Open && t.DueDate == null && t.Creator == null && t.Tags.Count == 0);
    }

    [Fact]
    public void Content_GrantsNothing()
    {
        // The content fields (a creator among them) never reach the permission objects nor any answer.
        var engine = Builder().Engine();
        var plain = Builder();
        for (var i = 0; i < plain.Tasks.Count; i++)
        {
            plain.Tasks[i] = plain.Tasks[i] with { Details = null, Notes = null, Completed = false };
        }

        var reference = plain.Engine();
        foreach (var user in new[] { "u1", "u2", "g" })
        {
            engine.ListAccessible(user).Should().Equal(reference.ListAccessible(user));
        }

        engine.GetTicket("due-on")!.Permissions.Should().BeEquivalentTo(reference.GetTicket("due-on")!.Permissions, o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData("pub", CollectionAccessLevel.Company)]
    [InlineData("team", CollectionAccessLevel.Private)]
    [InlineData("priv", CollectionAccessLevel.Private)]
    [InlineData("odd", CollectionAccessLevel.Private)]
    [InlineData("sec", CollectionAccessLevel.ParentCollection)]
    public void Collection_AccessLevel_FollowsPrivacy(string gid, CollectionAccessLevel expected)
    {
        Builder().Engine().GetCollection(gid)!.AccessLevel.Should().Be(expected);
    }

    [Fact]
    public void MergeModel_ListsEveryTagOnce_AndProjectAndTeamDescriptions()
    {
        var builder = Builder();
        builder.Projects[0] = builder.Projects[0] with { Notes = "For everyone" };
        builder.Teams[0] = builder.Teams[0] with { Description = "Team A" };

        var model = builder.Engine().ToMergeModel();

        model.Tags.Should().Equal(new Tag("g1", "urgent"), new Tag("g2", "launch"));
        model.Collections.Single(c => c.RemoteId == "pub").Description.Should().Be("For everyone");
        model.Teams.Single().Description.Should().Be("Team A");
    }

    [Fact]
    public void Comment_IsVisibleExactlyWhenItsTicketIs_AndGoesWithIt()
    {
        var engine = Builder().Engine();
        engine.ReplaceComments("due-on", [new CommentRecord("c1", "due-on", "u2", "Looks good", "<body>Looks good</body>", Created)]);
        engine.ReplaceComments("bare", [new CommentRecord("c2", "bare", "u1", "Why?", null, Created), new CommentRecord("c3", "other", "u1", "ignored", null, Created)]);

        foreach (var user in new[] { "u1", "u2", "g" })
        {
            engine.CanViewComment(user, "c1").Should().Be(engine.CanView(user, "due-on"), user);
            engine.CanViewComment(user, "c2").Should().Be(engine.CanView(user, "bare"), user);
        }

        engine.CanViewComment("u1", "c3").Should().BeFalse("a comment naming another task is not taken");
        var comment = engine.GetComments("due-on").Should().ContainSingle().Subject;
        comment.Permissions.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new Permission(PermissionEffect.Inherited, [], [], [], [], [], ["due-on"]));
        engine.ToMergeModel().Comments.Select(c => c.RemoteId).Should().Equal("c1", "c2");

        engine.RemoveTask("due-on");

        engine.CanViewComment("u2", "c1").Should().BeFalse("a deleted task's comments are visible to nobody");
        engine.ToMergeModel().Comments.Select(c => c.RemoteId).Should().Equal("c2");
        engine.ToWorkspaceData().Comments.Select(c => c.Gid).Should().Equal("c2");
    }
}
