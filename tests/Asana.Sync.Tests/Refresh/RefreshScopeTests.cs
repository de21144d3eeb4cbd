using Asana.Client.Models;
using FluentAssertions;
using Xunit;

namespace Asana.Sync.Tests;

public sealed class RefreshScopeTests
{
    private static AsanaEvent Event(string type, string gid, string action, string? parentType = null, string? parentGid = null) =>
        new(new AsanaReference(gid, type), action, parentType is null ? null : new AsanaReference(parentGid!, parentType), null, null, null);

    public static TheoryData<AsanaEvent, string?, string> Mappings => new()
    {
        { Event("task", "t1", "changed"), null, "tasks t1" },
        { Event("task", "t2", "added", "task", "t1"), null, "tasks t1,t2" },
        { Event("task", "t2", "removed", "project", "p1"), null, "tasks t2" },
        { Event("story", "s1", "added", "task", "t1"), null, "tasks t1" },
        { Event("section", "s1", "added", "project", "p1"), null, "sections p1" },
        { Event("section", "s1", "deleted"), "p9", "sections p9" },
        { Event("section", "s1", "deleted"), null, "sections *" },
        { Event("project", "p1", "changed"), null, "projects; members p1; sections p1" },
        { Event("project_membership", "m1", "removed", "project", "p1"), null, "members p1" },
        { Event("membership", "m1", "removed"), "p9", "members p9" },
        { Event("membership", "m1", "removed"), null, "members *" },
        { Event("membership", "m1", "added", "portfolio", "f1"), null, "portfolios" },
        { Event("user", "u1", "removed", "project", "p1"), null, "members p1" },
        { Event("user", "u1", "removed", "team", "g1"), null, "teams g1" },
        { Event("team_membership", "tm1", "removed", "team", "g1"), null, "teams g1" },
        { Event("team_membership", "tm1", "removed"), null, "teams *" },
        { Event("team", "g1", "deleted"), null, "projects; teams g1" },
        { Event("workspace_membership", "wm1", "removed", "workspace", "w1"), null, "users" },
        { Event("user", "u1", "changed"), null, "users" },
        { Event("portfolio", "f1", "changed"), null, "portfolios" },
        { Event("tag", "x1", "added"), null, "" },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void FromEvents_ReadsAgainWhatTheEventTouched(AsanaEvent e, string? projectGid, string expected) =>
        Describe(RefreshScope.FromEvents([e], projectGid)).Should().Be(expected);

    [Fact]
    public void FromEvents_IgnoresOrderAndDuplicates()
    {
        AsanaEvent[] events = [Event("task", "t2", "changed"), Event("team_membership", "tm", "added", "team", "g1"), Event("task", "t1", "deleted")];

        var forward = RefreshScope.FromEvents(events);
        var backward = RefreshScope.FromEvents([.. events.Reverse(), .. events]);

        Describe(backward).Should().Be(Describe(forward)).And.Be("teams g1; tasks t1,t2");
    }

    [Fact]
    public void FromEvents_SkipsEventsWithoutAResource()
    {
        var scope = RefreshScope.FromEvents([new AsanaEvent(null, "changed", null, null, null, null), Event("task", "", "changed")]);

        scope.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Union_ReadsWhatEitherReads()
    {
        var a = RefreshScope.ForTasks("t1") with { Users = true };
        var b = RefreshScope.FromEvents([Event("project_membership", "m", "removed", "project", "p1"), Event("task", "t2", "changed")]);

        Describe(a.Union(b)).Should().Be("users; members p1; tasks t1,t2");
        RefreshScope.Empty.Union(RefreshScope.Empty).IsEmpty.Should().BeTrue();
    }

    private static string Describe(RefreshScope s)
    {
        var parts = new List<string>();
        if (s.Users)
        {
            parts.Add("users");
        }

        if (s.ProjectList)
        {
            parts.Add("projects");
        }

        if (s.Portfolios)
        {
            parts.Add("portfolios");
        }

        Add("teams", s.Teams);
        Add("members", s.ProjectMemberships);
        Add("sections", s.ProjectSections);
        Add("tasks", s.Tasks);
        return string.Join("; ", parts);

        void Add(string name, IReadOnlySet<string> set)
        {
            if (set.Count > 0)
            {
                parts.Add($"{name} {string.Join(',', set)}");
            }
        }
    }
}
