using Asana.Permissions.Sources;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests;

/// <summary>
/// Build takes a bulk path when every task gid is new and distinct, and replays record by record otherwise; ordering
/// of task gids takes an integer path when every gid is digits. Each path must answer as the general one does.
/// </summary>
public sealed class BuildPathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RepeatedTaskRecords_LaterWins_SameAsBuildingTheWinners(int seed)
    {
        var builder = RandomWorkspaces.Create(seed);
        var random = new Random(seed * 7);
        var winners = builder.Build();
        var withRepeats = new List<TaskRecord>();
        foreach (var task in winners.Tasks)
        {
            if (random.NextDouble() < 0.3)
            {
                // An earlier, different version of the same task: the later record must win.
                withRepeats.Add(RandomWorkspaces.RandomTask(random, task.Gid, winners.Tasks.Count));
            }
        }

        withRepeats.AddRange(winners.Tasks);
        var repeated = winners with { Tasks = withRepeats };

        var expected = WorkspacePermissions.Build(winners);
        var actual = WorkspacePermissions.Build(repeated);
        EngineComparison.AssertSameAnswers(actual, expected, winners, ["missing"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TicketsAndAccessibleLists_AreInOrdinalGidOrder_ForDigitAndOtherGids(bool withNonDigitGid)
    {
        string[] gids =
        [
            "1", "10", "100", "1000000000000000000", "2", "01", "0", "9", "90", "09", "900", "123456789012345678",
            "1234567890123456789", "9999999999999999999", "5", "50", "500", "0000", "000",
        ];
        if (withNonDigitGid)
        {
            gids = [.. gids, "12345678901234567890", "1a", "a"];
        }

        var shuffled = gids.OrderBy(g => g.GetHashCode(StringComparison.Ordinal)).ToArray();
        var builder = new WorkspaceBuilder().User("u1");
        foreach (var gid in shuffled)
        {
            builder.Task(gid, assignee: "u1");
        }

        var engine = builder.Engine();
        var expected = gids.Order(StringComparer.Ordinal).ToArray();
        engine.ToMergeModel().Tickets.Select(t => t.RemoteId).Should().Equal(expected);
        engine.ListAccessible("u1").Should().Equal(expected);

        // Tasks added after the ranks were made are merged in by gid.
        engine.UpsertTask(WorkspaceBuilder.NewTask("15", assignee: "u1"));
        engine.UpsertTask(WorkspaceBuilder.NewTask("000000", assignee: "u1"));
        engine.RemoveTask("9");
        var updated = expected.Append("15").Append("000000").Where(g => g != "9").Order(StringComparer.Ordinal).ToArray();
        engine.ToMergeModel().Tickets.Select(t => t.RemoteId).Should().Equal(updated);
        engine.ListAccessible("u1").Should().Equal(updated);
    }

    [Fact]
    public void TicketPrincipalTokens_AllocateOnlyTheResult()
    {
        var builder = new WorkspaceBuilder()
            .User("u1").User("u2").User("u3")
            .Team("t1", "One", "u1", "u2")
            .Project("p1", "P1", PrivacySettings.PublicToWorkspace, team: "t1", users: ["u2", "u3"])
            .Project("p2", "P2", PrivacySettings.PrivateToTeam, team: "t1", users: ["u3"]);
        builder.Task("k1", assignee: "u1", followers: ["u1", "u2"], projects: ["p1", "p2"]);
        builder.Task("k2", assignee: "u3", parent: "k1");
        var engine = builder.Engine();

        var first = engine.GetTicketPrincipalTokens("k2");
        first.Should().Equal("role:1:ADMIN", "role:1:MEMBER", "team:t1", "user:u1", "user:u2", "user:u3");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var second = engine.GetTicketPrincipalTokens("k2");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        second.Should().Equal(first);
        allocated.Should().BeLessThanOrEqualTo(24 + (8 * second.Count), "only the result array is new");
    }
}
