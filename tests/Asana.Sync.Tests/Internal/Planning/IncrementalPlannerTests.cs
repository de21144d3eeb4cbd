using Asana.Client.Models;
using Asana.Permissions.Sources;
using Asana.Sync.Internal;
using Asana.Sync.Internal.Planning;
using FluentAssertions;
using Xunit;

namespace Asana.Sync.Tests.Internal.Planning;

/// <summary>The incremental plan, table by table, without HTTP: stored state, events and listings in, decisions out.</summary>
public sealed class IncrementalPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PlanProjects_FollowsStoredProjectsWithTokensThroughEvents_AndCrawlsTheRest()
    {
        var planner = Planner([], storedProjects: ["a", "b", "x"], tokens: new() { ["a"] = "ta", ["x"] = "tx" });

        var plan = planner.PlanProjects(["a", "b", "c"]);

        plan.EventReads.Should().Equal(new Dictionary<string, string> { ["a"] = "ta" });
        plan.Recrawls.Should().BeEquivalentTo(new Dictionary<string, string> { ["b"] = "no event sync token", ["c"] = "new project" });
        plan.Gone.Should().Equal("x");
    }

    public static TheoryData<string, (string Project, string Type, string Gid, string? Action, int Minute)[], string[], string[], string[]> EventTables => new()
    {
        { "added then deleted", [("p", "task", "t", "added", 1), ("p", "task", "t", "deleted", 2)], ["t"], [], [] },
        { "deleted then undeleted", [("p", "task", "t", "deleted", 1), ("p", "task", "t", "undeleted", 2)], [], ["t"], [] },
        { "no action counts as a change", [("p", "task", "t", null, 1)], [], ["t"], [] },
        { "the latest event wins across streams", [("p", "task", "t", "changed", 2), ("q", "task", "t", "deleted", 1)], [], ["t"], [] },
        { "a deletion seen last on another stream", [("p", "task", "t", "changed", 1), ("q", "task", "t", "deleted", 2)], ["t"], [], [] },
        { "section events reload that project's sections", [("p", "section", "s", "added", 1), ("q", "task", "t", "changed", 1)], [], ["t"], ["p"] },
        { "other resources are ignored", [("p", "story", "x", "added", 1), ("p", "task", "", "changed", 1)], [], [], [] },
    };

    [Theory]
    [MemberData(nameof(EventTables))]
    public void ReadEvents_LastActionPerTaskWins(string because, (string Project, string Type, string Gid, string? Action, int Minute)[] events, string[] deleted, string[] reported, string[] sectionReloads)
    {
        var streams = events.GroupBy(e => e.Project).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<AsanaEvent>)g.Select(e => new AsanaEvent(new AsanaReference(e.Gid, e.Type), e.Action, null, null, T0.AddMinutes(e.Minute), null)).ToList());

        var outcome = IncrementalPlanner.ReadEvents(streams);

        outcome.Deleted.Should().BeEquivalentTo(deleted, because);
        outcome.Reported.Should().BeEquivalentTo(reported, because);
        outcome.SectionReloads.Should().BeEquivalentTo(sectionReloads, because);
    }

    [Fact]
    public void StripProject_RemovesThePlacement_AndReturnsTopLevelTasksLeftInNoProject()
    {
        var tasks = new Dictionary<string, TaskState>
        {
            ["both"] = Task("both", projects: ["p", "q"]),
            ["only"] = Task("only", projects: ["p"]),
            ["sub"] = Task("sub", parent: "both", projects: ["p"]),
            ["elsewhere"] = Task("elsewhere", projects: ["q"]),
        };

        var orphaned = IncrementalPlanner.StripProject(tasks, "p");

        orphaned.Should().Equal("only");
        tasks.Values.SelectMany(t => t.Record.Memberships).Should().NotContain(m => m.ProjectGid == "p");
        tasks["both"].Record.Memberships.Select(m => m.ProjectGid).Should().Equal("q");
        tasks["elsewhere"].Record.Memberships.Select(m => m.ProjectGid).Should().Equal("q");
    }

    [Fact]
    public void NoLongerListed_NamesStoredTasksOfTheProjectItsListingLeftOut()
    {
        var planner = Planner([Task("t1", projects: ["p"]), Task("t2", projects: ["p", "q"]), Task("t3", projects: ["p"]), Task("t4", projects: ["q"])]);

        planner.NoLongerListed("p", new HashSet<string> { "t1" }).Should().BeEquivalentTo("t2", "t3");
        planner.NoLongerListed("q", new HashSet<string> { "t2", "t4" }).Should().BeEmpty();
    }

    [Fact]
    public void UnassignedProjectless_NamesTopLevelProjectlessTasksNoAssigneeListingReturned()
    {
        var planner = Planner([Task("listed"), Task("gone"), Task("sub", parent: "listed"), Task("homed", projects: ["p"])]);

        planner.UnassignedProjectless(new HashSet<string> { "listed" }).Should().Equal("gone");
    }

    [Theory]
    [InlineData(null, 0, false)]
    [InlineData(null, 2, true)]
    [InlineData(2, 2, false)]
    [InlineData(2, 3, true)]
    [InlineData(2, 0, true)] // its subtasks are gone: the stored children are reconciled
    [InlineData(0, 0, false)]
    [InlineData(0, 1, true)]
    public void SubtasksChanged_WhenNewWithSubtasksOrTheCountMoved(int? stored, int now, bool expected)
    {
        var planner = Planner(stored is { } n ? [Task("t", subtasks: n)] : []);

        planner.SubtasksChanged("t", now).Should().Be(expected);
    }

    [Theory]
    [InlineData(false, false, -10, true)]
    [InlineData(true, false, -10, false)] // an event named it: kept however old
    [InlineData(false, true, -10, false)] // subtasks follow their parent
    [InlineData(false, false, 10, false)]
    [InlineData(false, false, null, false)]
    public void AgedOut_OnlyUnlistedTopLevelTasksOlderThanTheWindow(bool reported, bool subtask, int? modifiedDaysFromWindowStart, bool expected)
    {
        var reason = reported ? RefetchReason.Reported : RefetchReason.Unlisted;
        var since = T0;
        var task = new AsanaTask("t", "T", null, null, null, [], subtask ? new AsanaReference("parent", "task") : null, 0, modifiedDaysFromWindowStart is { } d ? since.AddDays(d) : null);

        IncrementalPlanner.AgedOut(task, reason, since).Should().Be(expected);
        IncrementalPlanner.AgedOut(task, reason, modifiedSince: null).Should().BeFalse("without a lookback window nothing ages out");
    }

    [Fact]
    public void UnstreamedParents_AreStoredTasksWithSubtasksInNoProject()
    {
        var planner = Planner(
        [
            Task("top", projects: ["p"], subtasks: 1),
            Task("sub", parent: "top", subtasks: 1), // a direct subtask with subtasks: its children are on no stream
            Task("subsub", parent: "sub"),
            Task("leaf", parent: "top"),
            Task("doomed", parent: "top", subtasks: 1),
            Task("doomedChild", parent: "doomed", subtasks: 1),
            Task("loose", subtasks: 2), // project-less, top-level
            Task("looseChild", parent: "loose", subtasks: 1),
        ]);
        var deleted = new HashSet<string> { "doomed" };

        planner.UnstreamedParents(deleted, projectlessScanned: true).Should().BeEquivalentTo("sub", "loose", "looseChild");
        planner.UnstreamedParents(deleted, projectlessScanned: false).Should().BeEquivalentTo(["sub"], "below project-less tasks the rescan interval applies");
    }

    [Fact]
    public void Uncovered_IsWhatNoStreamListingOrReReadCovered()
    {
        var stored = new[]
        {
            Task("streamed", projects: ["live"]),
            Task("dark", projects: ["unstreamed"]),
            Task("fresh", projects: ["unstreamed"]),
            Task("refetched", projects: ["unstreamed"]),
            Task("childOfRelisted", parent: "dark"),
            Task("childOfStreamed", parent: "streamed"),
            Task("childOfDark", parent: "refetched"),
            Task("deletedRoot", projects: ["unstreamed"]),
            Task("deletedChild", parent: "deletedRoot"),
            Task("loose"),
            Task("looseChild", parent: "loose"),
        };
        var planner = Planner(stored);
        var current = stored.ToDictionary(t => t.Record.Gid);
        var inputs = new CoverageInputs(
            Deleted: new HashSet<string> { "deletedRoot" },
            Refetched: new HashSet<string> { "refetched" },
            Fresh: new HashSet<string> { "fresh" },
            StreamedProjects: new HashSet<string> { "live" },
            Relisted: new HashSet<string> { "dark" },
            Current: current);

        planner.Uncovered(inputs, projectlessScanned: true).Should().BeEquivalentTo("dark", "childOfDark", "loose", "looseChild");
        planner.Uncovered(inputs, projectlessScanned: false).Should().BeEquivalentTo(["dark", "childOfDark"], "below project-less tasks the rescan interval applies");

        // A parent that moved into a streamed project in this sync covers its stored children.
        current["refetched"] = Task("refetched", projects: ["live"]);
        planner.Uncovered(inputs, projectlessScanned: true).Should().BeEquivalentTo("dark", "loose", "looseChild");
    }

    [Fact]
    public void WithDescendants_TakesEveryLevelBelowTheDeletedTasks()
    {
        var tasks = new[] { Task("a"), Task("b", parent: "a"), Task("c", parent: "b"), Task("d", parent: "x"), Task("e") }.ToDictionary(t => t.Record.Gid);

        IncrementalPlanner.WithDescendants(["a", "x"], tasks).Should().BeEquivalentTo("a", "b", "c", "x", "d");
    }

    [Fact]
    public void Subtrees_FollowsTheStoredTree()
    {
        var planner = Planner([Task("a"), Task("b", parent: "a"), Task("c", parent: "b"), Task("e")]);

        planner.Subtrees(["b"]).Should().BeEquivalentTo("b", "c");
    }

    private static IncrementalPlanner Planner(IEnumerable<TaskState> stored, IEnumerable<string>? storedProjects = null, Dictionary<string, string>? tokens = null) =>
        new(stored.ToDictionary(t => t.Record.Gid, StringComparer.Ordinal), storedProjects ?? [], tokens ?? []);

    private static TaskState Task(string gid, string? parent = null, string[]? projects = null, int subtasks = 0) =>
        new(new TaskRecord(gid, gid, null, [], [.. (projects ?? []).Select(p => new TaskPlacement(p, null))], parent), subtasks);
}
