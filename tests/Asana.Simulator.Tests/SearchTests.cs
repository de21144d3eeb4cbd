using System.Globalization;
using System.Text.Json.Nodes;

namespace Asana.Simulator.Tests;

/// <summary><c>GET /workspaces/{gid}/tasks/search</c> as a sync pages it: created_at ascending, created_at.after, limit.</summary>
public sealed class SearchTests
{
    private const string Fields = "name,notes,assignee,followers,memberships.project,memberships.section,parent,num_subtasks,modified_at,completed,resource_subtype,created_at,completed_at,due_on,due_at,created_by,permalink_url,tags.name";
    private static readonly string[] Subtypes = ["default_task", "milestone", "approval"];

    /// <summary>The subtype of every task, read from the organization itself (the export does not carry it).</summary>
    private static Dictionary<string, string> SubtypeByGid(SimulatedOrganization org)
    {
        lock (org.Gate)
        {
            return org.TaskList.ToDictionary(t => t.Gid, t => t.ResourceSubtype);
        }
    }

    /// <summary>Pages a search by created_at.after, 25 at a time; returns every item and the page count.</summary>
    private static async Task<(List<JsonObject> Items, int Pages)> PageAsync(HttpClient http, string query)
    {
        var seen = new List<JsonObject>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var url = $"{query}&sort_by=created_at&sort_ascending=true&limit=25&opt_fields={Fields}"
                + (after is null ? "" : "&created_at.after=" + Uri.EscapeDataString(after));
            var (status, body) = await http.GetJsonAsync(url);
            status.Should().Be(200, body?.ToJsonString());
            pages++;
            body!.AsObject().ContainsKey("next_page").Should().BeFalse("search has no offset paging");
            var items = body["data"]!.AsArray().Select(n => n!.AsObject()).ToList();
            items.Should().HaveCountLessThanOrEqualTo(25);
            seen.AddRange(items);
            if (items.Count < 25)
            {
                return (seen, pages);
            }

            after = items[^1]["created_at"]!.GetValue<string>();
        }
    }

    [Fact]
    public async Task Paging_each_subtype_by_created_at_after_reaches_every_top_level_task_once_project_less_ones_included()
    {
        var org = SimulatedOrganization.Generate(7, OrganizationShape.Small);
        var users = org.GetUserGids();
        var followedOnly = org.AddProjectlessTask("Followed only", assigneeGid: null, followerGids: [users[1]]);
        var (server, http) = await ServerFixture.StartAsync(org, new SimulatorOptions { PremiumSearch = true });
        await using var _ = server;
        using var __ = http;
        var ws = org.WorkspaceGid;
        var expected = org.ToWorkspaceData().Tasks.Where(t => t.ParentGid is null).Select(t => t.Gid).ToHashSet();
        var subtypes = SubtypeByGid(org);

        var seen = new List<JsonObject>();
        foreach (var subtype in Subtypes)
        {
            var (items, pages) = await PageAsync(http, $"workspaces/{ws}/tasks/search?is_subtask=false&resource_subtype={subtype}");
            var wanted = expected.Count(g => subtypes[g] == subtype);
            pages.Should().Be((wanted / 25) + 1, subtype);
            items.Should().OnlyContain(t => t["resource_subtype"]!.GetValue<string>() == subtype);
            var created = items.Select(t => DateTimeOffset.Parse(t["created_at"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
            created.Should().BeInAscendingOrder();
            seen.AddRange(items);
        }

        var gids = seen.Select(t => t["gid"]!.GetValue<string>()).ToList();
        gids.Should().OnlyHaveUniqueItems("created_at.after is strict and timestamps are to the millisecond");
        gids.ToHashSet().Should().BeEquivalentTo(expected);
        gids.Should().Contain(followedOnly);
        seen.Should().OnlyContain(t => t["parent"] == null && t.ContainsKey("followers") && t.ContainsKey("memberships") && t.ContainsKey("num_subtasks")
            && t.ContainsKey("modified_at") && t.ContainsKey("assignee") && t.ContainsKey("notes") && t.ContainsKey("completed"));
        var errand = seen.Single(t => t["gid"]!.GetValue<string>() == followedOnly);
        errand["memberships"]!.AsArray().Should().BeEmpty();
        errand["assignee"].Should().BeNull();
        errand["followers"]!.AsArray().Select(f => f!["gid"]!.GetValue<string>()).Should().Equal(users[1]);
    }

    [Fact]
    public async Task Without_resource_subtype_search_finds_milestones_only_as_the_OAS_default_says()
    {
        var org = SimulatedOrganization.Generate(7, OrganizationShape.Small);
        var (server, http) = await ServerFixture.StartAsync(org, new SimulatorOptions { PremiumSearch = true });
        await using var _ = server;
        using var __ = http;
        var ws = org.WorkspaceGid;
        var subtypes = SubtypeByGid(org);
        var topLevel = org.ToWorkspaceData().Tasks.Where(t => t.ParentGid is null).Select(t => t.Gid).ToList();
        topLevel.Select(g => subtypes[g]).Distinct().Should().Contain(Subtypes, "the generator makes every subtype");

        var (unnamed, _) = await PageAsync(http, $"workspaces/{ws}/tasks/search?is_subtask=false");
        var (milestones, _) = await PageAsync(http, $"workspaces/{ws}/tasks/search?is_subtask=false&resource_subtype=milestone");

        unnamed.Select(t => t["gid"]!.GetValue<string>()).Should().BeEquivalentTo(topLevel.Where(g => subtypes[g] == "milestone"));
        unnamed.Select(t => t["gid"]!.GetValue<string>()).Should().Equal(milestones.Select(t => t["gid"]!.GetValue<string>()));
        unnamed.Count.Should().BeLessThan(topLevel.Count / 5, "most tasks are default tasks, which a search naming no subtype misses");
        (await http.GetJsonAsync($"workspaces/{ws}/tasks/search?resource_subtype=section")).Status.Should().Be(400);
    }

    [Fact]
    public async Task Is_subtask_true_returns_only_subtasks_and_modified_at_after_only_changed_tasks()
    {
        var org = SimulatedOrganization.Generate(7, OrganizationShape.Small);
        var (server, http) = await ServerFixture.StartAsync(org, new SimulatorOptions { PremiumSearch = true });
        await using var _ = server;
        using var __ = http;
        var ws = org.WorkspaceGid;
        var data = org.ToWorkspaceData();
        var subtypes = SubtypeByGid(org);
        var subtasks = data.Tasks.Where(t => t.ParentGid is not null && subtypes[t.Gid] == "default_task").Select(t => t.Gid).ToHashSet();

        var (_, subs) = await http.GetJsonAsync($"workspaces/{ws}/tasks/search?is_subtask=true&resource_subtype=default_task&sort_by=created_at&sort_ascending=true&limit=100&opt_fields=parent");
        var found = subs!["data"]!.AsArray().Select(t => t!["gid"]!.GetValue<string>()).ToHashSet();
        found.Should().BeSubsetOf(subtasks).And.HaveCount(Math.Min(100, subtasks.Count));

        var newest = data.Tasks.Max(t => t.ModifiedAt!.Value);
        var errand = org.AddProjectlessTask("New errand", assigneeGid: null, followerGids: [org.GetUserGids()[2]]);
        var changed = data.Tasks.First(t => t.ParentGid is null && t.Memberships.Count == 0 && subtypes[t.Gid] == "default_task").Gid;
        org.SetFollowers(changed, [org.GetUserGids()[3]]);
        var since = Uri.EscapeDataString(newest.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        var (_, recent) = await http.GetJsonAsync($"workspaces/{ws}/tasks/search?is_subtask=false&resource_subtype=default_task&modified_at.after={since}&sort_by=created_at&sort_ascending=true&limit=100&opt_fields=created_at,followers");
        recent!["data"]!.AsArray().Select(t => t!["gid"]!.GetValue<string>()).Should().BeEquivalentTo([changed, errand]);
    }

    [Fact]
    public async Task Limit_above_100_is_400_and_without_premium_402()
    {
        var org = SimulatedOrganization.Generate(7, OrganizationShape.Small);
        var (premium, http) = await ServerFixture.StartAsync(org, new SimulatorOptions { PremiumSearch = true });
        await using (premium)
        using (http)
        {
            (await http.GetJsonAsync($"workspaces/{org.WorkspaceGid}/tasks/search?limit=101")).Status.Should().Be(400);
            (await http.GetJsonAsync($"workspaces/{org.WorkspaceGid}/tasks/search?limit=100")).Status.Should().Be(200);
        }

        var (plain, http2) = await ServerFixture.StartAsync(org);
        await using (plain)
        using (http2)
        {
            (await http2.GetJsonAsync($"workspaces/{org.WorkspaceGid}/tasks/search?is_subtask=false&limit=100")).Status.Should().Be(402);
        }
    }
}
