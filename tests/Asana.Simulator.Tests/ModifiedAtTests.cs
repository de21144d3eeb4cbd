using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Asana.Simulator.Tests;

/// <summary>
/// <c>modified_at</c> as the OAS describes it: moving to a new container does not change it; yet <c>GET /tasks</c>'s
/// <c>modified_since</c> counts association changes (a task added to a project) as modifications.
/// </summary>
public sealed class ModifiedAtTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Stamp(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    /// <summary>A generated organization on a fake clock, and a top-level task in exactly one open project, with another open project to move it to.</summary>
    private static (SimulatedOrganization Org, FakeTimeProvider Clock, string Task, string From, string To) Setup()
    {
        var org = SimulatedOrganization.Generate(21, OrganizationShape.Small);
        var clock = new FakeTimeProvider(Start);
        org.Clock = clock;
        var data = org.ToWorkspaceData();
        var open = data.Projects.Where(p => !p.Archived).Select(p => p.Gid).ToList();
        var task = data.Tasks.First(t => t.ParentGid is null && t.Memberships.Count == 1 && open.Contains(t.Memberships[0].ProjectGid));
        var from = task.Memberships[0].ProjectGid;
        return (org, clock, task.Gid, from, open.First(p => p != from));
    }

    private static async Task<string> ModifiedAtAsync(HttpClient http, string task)
    {
        var (status, body) = await http.GetJsonAsync($"tasks/{task}?opt_fields=modified_at");
        status.Should().Be(200);
        return body!["data"]!["modified_at"]!.GetValue<string>();
    }

    private static async Task<HashSet<string>> GidsAsync(HttpClient http, string url) =>
        (await http.GetAllAsync(url)).Select(t => t["gid"]!.GetValue<string>()).ToHashSet();

    [Fact]
    public async Task Moving_adding_removing_and_changing_section_leave_modified_at_alone()
    {
        var (org, clock, task, from, to) = Setup();
        var (server, http) = await ServerFixture.StartAsync(org);
        await using var _ = server;
        using var __ = http;
        var before = await ModifiedAtAsync(http, task);

        clock.Advance(TimeSpan.FromMinutes(1));
        org.AddTaskToProject(task, to);
        clock.Advance(TimeSpan.FromMinutes(1));
        org.MoveTaskToSection(task, org.ToWorkspaceData().Sections.Last(s => s.ProjectGid == to).Gid);
        clock.Advance(TimeSpan.FromMinutes(1));
        org.RemoveTaskFromProject(task, from);
        clock.Advance(TimeSpan.FromMinutes(1));
        org.MoveTask(task, to, from);

        (await ModifiedAtAsync(http, task)).Should().Be(before);
        org.GetTask(task)!.ModifiedAt!.Value.Should().BeBefore(Start);

        clock.Advance(TimeSpan.FromMinutes(1));
        org.UpdateTask(task, name: "Renamed: that is a modification");
        (await ModifiedAtAsync(http, task)).Should().Be("2025-03-01T12:05:00.000Z");
    }

    [Fact]
    public async Task Modified_since_on_get_tasks_counts_a_move_but_search_modified_at_does_not()
    {
        var (org, clock, task, from, to) = Setup();
        var (server, http) = await ServerFixture.StartAsync(org, new SimulatorOptions { PremiumSearch = true });
        await using var _ = server;
        using var __ = http;
        var subtype = (await http.GetJsonAsync($"tasks/{task}")).Body!["data"]!["resource_subtype"]!.GetValue<string>();
        var since = Stamp(Start);

        (await GidsAsync(http, $"tasks?project={to}&modified_since={since}")).Should().BeEmpty("nothing changed yet");

        clock.Advance(TimeSpan.FromMinutes(1));
        org.MoveTask(task, from, to);

        (await GidsAsync(http, $"tasks?project={to}&modified_since={since}")).Should().Equal(task);
        (await GidsAsync(http, $"tasks?project={to}&modified_since={Stamp(Start.AddMinutes(2))}")).Should().BeEmpty("modified_since is a lower bound");
        var search = $"workspaces/{org.WorkspaceGid}/tasks/search?resource_subtype={subtype}&modified_at.after={since}&opt_fields=modified_at";
        var (status, found) = await http.GetJsonAsync(search);
        status.Should().Be(200);
        found!["data"]!.AsArray().Should().BeEmpty("search filters on modified_at, which a move leaves alone");

        clock.Advance(TimeSpan.FromMinutes(1));
        org.UpdateTask(task, notes: "A description change is a modification.");
        (await http.GetJsonAsync(search)).Body!["data"]!.AsArray().Select(t => t!["gid"]!.GetValue<string>()).Should().Equal(task);
        (await GidsAsync(http, $"tasks?project={to}&modified_since={Stamp(Start.AddMinutes(2))}")).Should().Equal(task);
    }
}
