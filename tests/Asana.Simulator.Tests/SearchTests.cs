using System.Globalization;
using System.Text.Json.Nodes;

namespace Asana.Simulator.Tests;

/// <summary><c>GET /workspaces/{gid}/tasks/search</c> as a sync pages it: created_at ascending, created_at.after, limit.</summary>
public sealed class SearchTests
{
    private const string Fields = "name,notes,assignee,followers,memberships.project,memberships.section,parent,num_subtasks,modified_at,completed,resource_subtype,created_at";

    [Fact]
    public async Task Paging_by_created_at_after_reaches_every_top_level_task_once_project_less_ones_included()
    {
        var org = SimulatedOrganization.Generate(7, OrganizationShape.Small);
        var users = org.GetUserGids();
        var followedOnly = org.AddProjectlessTask("Followed only", assigneeGid: null, followerGids: [users[1]]);
        var (server, http) = await ServerFixture.StartAsync(org, new SimulatorOptions { PremiumSearch = true });
        await using var _ = server;
        using var __ = http;
        var ws = org.WorkspaceGid;
        var expected = org.ToWorkspaceData().Tasks.Where(t => t.ParentGid is null).Select(t => t.Gid).ToHashSet();

        var seen = new List<JsonObject>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var url = $"workspaces/{ws}/tasks/search?is_subtask=false&sort_by=created_at&sort_ascending=true&limit=25&opt_fields={Fields}"
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
                break;
            }

            after = items[^1]["created_at"]!.GetValue<string>();
        }

        var gids = seen.Select(t => t["gid"]!.GetValue<string>()).ToList();
        gids.Should().OnlyHaveUniqueItems("created_at.after is strict and timestamps are to the millisecond");
        gids.ToHashSet().Should().BeEquivalentTo(expected);
        gids.Should().Contain(followedOnly);
        pages.Should().Be((expected.Count / 25) + 1);
        var created = seen.Select(t => DateTimeOffset.Parse(t["created_at"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        created.Should().BeInAscendingOrder();
        seen.Should().OnlyContain(t => t["parent"] == null && t.ContainsKey("followers") && t.ContainsKey("memberships") && t.ContainsKey("num_subtasks")
            && t.ContainsKey("modified_at") && t.ContainsKey("assignee") && t.ContainsKey("notes") && t.ContainsKey("completed"));
        var errand = seen.Single(t => t["gid"]!.GetValue<string>() == followedOnly);
        errand["memberships"]!.AsArray().Should().BeEmpty();
        errand["assignee"].Should().BeNull();
        errand["followers"]!.AsArray().Select(f => f!["gid"]!.GetValue<string>()).Should().Equal(users[1]);
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
        var subtasks = data.Tasks.Where(t => t.ParentGid is not null).Select(t => t.Gid).ToHashSet();

        var (_, subs) = await http.GetJsonAsync($"workspaces/{ws}/tasks/search?is_subtask=true&sort_by=created_at&sort_ascending=true&limit=100&opt_fields=parent");
        var found = subs!["data"]!.AsArray().Select(t => t!["gid"]!.GetValue<string>()).ToHashSet();
        found.Should().BeSubsetOf(subtasks).And.HaveCount(Math.Min(100, subtasks.Count));

        var newest = data.Tasks.Max(t => t.ModifiedAt!.Value);
        var errand = org.AddProjectlessTask("New errand", assigneeGid: null, followerGids: [org.GetUserGids()[2]]);
        var changed = data.Tasks.First(t => t.ParentGid is null && t.Memberships.Count == 0).Gid;
        org.SetFollowers(changed, [org.GetUserGids()[3]]);
        var since = Uri.EscapeDataString(newest.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        var (_, recent) = await http.GetJsonAsync($"workspaces/{ws}/tasks/search?is_subtask=false&modified_at.after={since}&sort_by=created_at&sort_ascending=true&limit=100&opt_fields=created_at,followers");
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
