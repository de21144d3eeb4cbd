using System.Text.Json.Nodes;
using Asana.Permissions.Sources;

namespace Asana.Simulator.Tests;

/// <summary>
/// Event streams as Asana's Events documentation describes them: a project's stream covers its tasks and their direct
/// subtasks, nothing deeper; a task's stream covers the task and its direct subtasks.
/// </summary>
public sealed class EventStreamTests
{
    /// <summary>A project with a chain: task → subtask → sub-subtask → sub-sub-subtask, and a server serving it.</summary>
    private static async Task<(SimulatedAsana Server, HttpClient Http, string Project, string[] Chain)> ChainAsync()
    {
        var org = new SimulatedOrganization(seed: 3);
        var alice = org.AddUser("Alice Member", "alice@acme.example");
        var project = org.AddProject("Launch", PrivacySettings.PublicToWorkspace, memberGids: [alice]);
        var task = org.AddTask(project, "Plan the launch");
        var sub = org.AddSubtask(task, "Book the venue");
        var subSub = org.AddSubtask(sub, "Compare three venues");
        var deepest = org.AddSubtask(subSub, "Call the first venue");
        var (server, http) = await ServerFixture.StartAsync(org);
        return (server, http, project, [task, sub, subSub, deepest]);
    }

    private static async Task<string> SyncTokenAsync(HttpClient http, string resource)
    {
        var (status, body) = await http.GetJsonAsync($"events?resource={resource}");
        status.Should().Be(412);
        return body!["sync"]!.GetValue<string>();
    }

    /// <summary>The (resource gid, action) pairs a stream delivered since <paramref name="sync"/>.</summary>
    private static async Task<List<(string Gid, string Action)>> EventsAsync(HttpClient http, string resource, string sync)
    {
        var (status, body) = await http.GetJsonAsync($"events?resource={resource}&sync={sync}");
        status.Should().Be(200, body?.ToJsonString());
        return body!["data"]!.AsArray().Select(e => (e!["resource"]!["gid"]!.GetValue<string>(), e["action"]!.GetValue<string>())).ToList();
    }

    [Fact]
    public async Task A_change_reaches_its_own_stream_its_parents_and_the_projects_of_both_but_nothing_higher()
    {
        var (server, http, project, chain) = await ChainAsync();
        await using var _ = server;
        using var __ = http;
        var org = server.Organization;
        var streams = new[] { project }.Concat(chain).ToArray();
        var tokens = new Dictionary<string, string>();
        foreach (var s in streams)
        {
            tokens[s] = await SyncTokenAsync(http, s);
        }

        // Depth 0..3: which streams hear of a name change at each depth.
        for (var depth = 0; depth < chain.Length; depth++)
        {
            org.UpdateTask(chain[depth], name: $"Renamed at depth {depth}");
        }

        var heard = new Dictionary<string, List<string>>();
        foreach (var s in streams)
        {
            heard[s] = (await EventsAsync(http, s, tokens[s])).Where(e => e.Action == "changed").Select(e => e.Gid).ToList();
        }

        heard[project].Should().Equal([chain[0], chain[1]], "a project hears of its tasks and their direct subtasks only");
        heard[chain[0]].Should().Equal([chain[0], chain[1]]);
        heard[chain[1]].Should().Equal([chain[1], chain[2]]);
        heard[chain[2]].Should().Equal([chain[2], chain[3]]);
        heard[chain[3]].Should().Equal([chain[3]]);
    }

    [Fact]
    public async Task A_subtask_reaches_every_project_of_its_parent_and_its_own_but_not_its_grandparents()
    {
        var org = new SimulatedOrganization(seed: 4);
        var alice = org.AddUser("Alice Member", "alice@acme.example");
        var first = org.AddProject("First", PrivacySettings.PublicToWorkspace);
        var second = org.AddProject("Second", PrivacySettings.PublicToWorkspace);
        var third = org.AddProject("Third", PrivacySettings.PublicToWorkspace);
        var task = org.AddTask(first, "Multi-homed");
        org.AddTaskToProject(task, second);
        var sub = org.AddSubtask(task, "Its subtask");
        org.AddTaskToProject(sub, third);
        var subSub = org.AddSubtask(sub, "Below it");
        var (server, http) = await ServerFixture.StartAsync(org);
        await using var _ = server;
        using var __ = http;
        var tokens = new Dictionary<string, string>();
        foreach (var p in new[] { first, second, third })
        {
            tokens[p] = await SyncTokenAsync(http, p);
        }

        org.AddFollower(sub, alice);
        org.AddFollower(subSub, alice);

        (await EventsAsync(http, first, tokens[first])).Select(e => e.Gid).Should().Equal(sub);
        (await EventsAsync(http, second, tokens[second])).Select(e => e.Gid).Should().Equal(sub);
        (await EventsAsync(http, third, tokens[third])).Select(e => e.Gid).Should().Equal(sub, subSub);
    }

    [Fact]
    public async Task Deleting_a_subtree_tells_each_stream_only_what_it_covers()
    {
        var (server, http, project, chain) = await ChainAsync();
        await using var _ = server;
        using var __ = http;
        var projectSync = await SyncTokenAsync(http, project);
        var taskSync = await SyncTokenAsync(http, chain[0]);
        var workspaceSync = await SyncTokenAsync(http, server.Organization.WorkspaceGid);

        server.Organization.DeleteTask(chain[0]);

        (await EventsAsync(http, project, projectSync)).Should().Equal((chain[1], "deleted"), (chain[0], "deleted"));
        (await EventsAsync(http, server.Organization.WorkspaceGid, workspaceSync)).Select(e => e.Gid)
            .Should().Equal(chain[3], chain[2], chain[1], chain[0]);
        (await http.GetJsonAsync($"events?resource={chain[0]}&sync={taskSync}")).Status.Should().Be(404, "a deleted task has no stream left to read");
    }

    [Fact]
    public void Deleting_a_project_tells_its_stream_of_its_tasks_and_their_direct_subtasks_going_and_not_deeper()
    {
        var org = new SimulatedOrganization(seed: 5);
        var team = org.AddTeam("Events");
        var project = org.AddProject("Doomed", PrivacySettings.PrivateToTeam, team);
        var other = org.AddProject("Survivor", PrivacySettings.PublicToWorkspace);
        var task = org.AddTask(project, "Goes with it");
        var sub = org.AddSubtask(task, "Goes too");
        var subSub = org.AddSubtask(sub, "And this");
        var kept = org.AddTask(project, "Also elsewhere");
        org.AddTaskToProject(kept, other);
        var before = org.LastSequence;

        org.DeleteProject(project);

        List<(string, string)> Heard(string stream)
        {
            lock (org.Gate)
            {
                return org.Streams.GetValueOrDefault(stream, []).Where(e => e.Sequence > before).Select(e => (e.Resource.Gid, e.Action)).ToList();
            }
        }

        Heard(project).Should().Equal((sub, "deleted"), (task, "deleted"), (project, "deleted"));
        Heard(team).Should().Equal([(project, "deleted")], "a team stream carries project events, not task events");
        Heard(org.WorkspaceGid).Should().Equal((subSub, "deleted"), (sub, "deleted"), (task, "deleted"), (project, "deleted"));
        org.GetTask(kept).Should().NotBeNull();
        org.GetTask(subSub).Should().BeNull();
    }

    [Fact]
    public async Task A_move_reaches_both_projects_and_a_follower_change_of_a_deep_subtask_no_project()
    {
        var (server, http, project, chain) = await ChainAsync();
        await using var _ = server;
        using var __ = http;
        var org = server.Organization;
        var target = org.AddProject("Target", PrivacySettings.PublicToWorkspace);
        var sourceSync = await SyncTokenAsync(http, project);
        var targetSync = await SyncTokenAsync(http, target);
        var user = org.GetUserGids()[0];

        org.AddFollower(chain[2], user);
        org.SetFollowers(chain[3], [user]);
        org.MoveTask(chain[0], project, target);

        (await EventsAsync(http, project, sourceSync)).Should().Equal((chain[0], "removed"));
        (await EventsAsync(http, target, targetSync)).Should().Equal((chain[0], "added"));
    }

    [Fact]
    public async Task Events_carry_the_parent_of_an_added_subtask_and_a_section_move()
    {
        var (server, http, project, chain) = await ChainAsync();
        await using var _ = server;
        using var __ = http;
        var org = server.Organization;
        var section = org.AddSection(project, "Later");
        var sync = await SyncTokenAsync(http, project);

        var fresh = org.AddSubtask(chain[0], "One more");
        org.MoveTaskToSection(chain[0], section);

        var (_, body) = await http.GetJsonAsync($"events?resource={project}&sync={sync}");
        var events = body!["data"]!.AsArray().Select(e => e!.AsObject()).Where(e => e["resource"]!["resource_type"]!.GetValue<string>() == "task").ToList();
        events.Select(e => e["resource"]!["gid"]!.GetValue<string>()).Should().Equal(fresh, chain[0]);
        events[0]["parent"]!["gid"]!.GetValue<string>().Should().Be(chain[0]);
        events[1]["parent"]!["gid"]!.GetValue<string>().Should().Be(section);
        events[1]["parent"]!["resource_type"]!.GetValue<string>().Should().Be("section");
    }
}
