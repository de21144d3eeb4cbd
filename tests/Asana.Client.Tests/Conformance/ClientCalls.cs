using Asana.Client.Models;

namespace Asana.Client.Tests.Conformance;

/// <summary>
/// Every request the client can build: each public method of <see cref="IAsanaClient"/>, with its optional arguments
/// unset and set (modified_since, offsets, page sizes, every search filter and resource_subtype value).
/// </summary>
internal static class ClientCalls
{
    private const string Offset = "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9";
    private static readonly DateTimeOffset Instant = new(2024, 5, 1, 12, 30, 0, 250, TimeSpan.FromHours(2));

    public static IReadOnlyList<ClientCall> All { get; } =
    [
        .. Listing(nameof(IAsanaClient.GetWorkspacesAsync), c => c.GetWorkspacesAsync()),
        new(nameof(IAsanaClient.GetWorkspaceAsync), "gid", c => c.GetWorkspaceAsync("12345")),
        .. Listing(nameof(IAsanaClient.GetUsersAsync), c => c.GetUsersAsync("12345")),
        .. Listing(nameof(IAsanaClient.GetWorkspaceMembershipsAsync), c => c.GetWorkspaceMembershipsAsync("12345")),
        .. Listing(nameof(IAsanaClient.GetTeamsAsync), c => c.GetTeamsAsync("12345")),
        .. Listing(nameof(IAsanaClient.GetTeamMembershipsAsync), c => c.GetTeamMembershipsAsync("700")),
        .. Listing(nameof(IAsanaClient.GetProjectsAsync), c => c.GetProjectsAsync("12345")),
        new(nameof(IAsanaClient.GetProjectAsync), "gid", c => c.GetProjectAsync("900")),
        .. Listing(nameof(IAsanaClient.GetMembershipsAsync), c => c.GetMembershipsAsync("900")),
        .. Listing(nameof(IAsanaClient.GetPortfoliosAsync), c => c.GetPortfoliosAsync("12345")),
        .. Listing(nameof(IAsanaClient.GetProjectPortfolioSettingsAsync), c => c.GetProjectPortfolioSettingsAsync("1500")),
        .. Listing(nameof(IAsanaClient.GetSectionsAsync), c => c.GetSectionsAsync("900")),
        .. Listing(nameof(IAsanaClient.GetTasksForProjectAsync), c => c.GetTasksForProjectAsync("900")),
        .. Listing(nameof(IAsanaClient.GetTasksForProjectAsync), c => c.GetTasksForProjectAsync("900", Instant), "modified since"),
        .. Listing(nameof(IAsanaClient.GetTasksForAssigneeAsync), c => c.GetTasksForAssigneeAsync("12345", "2")),
        .. Listing(nameof(IAsanaClient.GetTasksForAssigneeAsync), c => c.GetTasksForAssigneeAsync("12345", "2", Instant), "modified since"),
        .. Listing(nameof(IAsanaClient.GetTasksForUserTaskListAsync), c => c.GetTasksForUserTaskListAsync("77")),
        new(nameof(IAsanaClient.GetTaskAsync), "gid", c => c.GetTaskAsync("1200")),
        .. Listing(nameof(IAsanaClient.GetSubtasksAsync), c => c.GetSubtasksAsync("1200")),
        Search("no filter", new AsanaTaskSearch()),
        Search(
            "every filter",
            new AsanaTaskSearch(Text: "cat nip", CreatedAfter: Instant, ModifiedAfter: Instant, IsSubtask: true, Limit: 50, ResourceSubtype: "default_task")),
        Search("top-level tasks", new AsanaTaskSearch(IsSubtask: false, Limit: 1)),
        Search("milestones", new AsanaTaskSearch(ResourceSubtype: "milestone")),
        Search("approvals", new AsanaTaskSearch(ResourceSubtype: "approval")),
        Search("custom tasks", new AsanaTaskSearch(ResourceSubtype: "custom")),
        new(nameof(IAsanaClient.GetEventsAsync), "first token", c => c.GetEventsAsync("900", null)),
        new(nameof(IAsanaClient.GetEventsAsync), "sync token", c => c.GetEventsAsync("900", "de4774f6915eae04714ca93bb2f5ee81")),
        .. Listing(nameof(IAsanaClient.GetWebhooksAsync), c => c.GetWebhooksAsync("12345")),
        .. Listing(nameof(IAsanaClient.GetWebhooksAsync), c => c.GetWebhooksAsync("12345", "900"), "one resource"),
        new(nameof(IAsanaClient.CreateWebhookAsync), "no filters", c => c.CreateWebhookAsync("900", new Uri("https://example.com/asana/webhooks/r1"))),
        new(
            nameof(IAsanaClient.CreateWebhookAsync),
            "every filter field",
            c => c.CreateWebhookAsync(
                "12345",
                new Uri("https://example.com/asana/webhooks/r2?x=1"),
                [new AsanaWebhookFilter("project", "added"), new AsanaWebhookFilter("task", "changed", "milestone", ["assignee", "followers"])])),
        new(nameof(IAsanaClient.DeleteWebhookAsync), "gid", c => c.DeleteWebhookAsync("4321")),
    ];

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var call in All)
        {
            names.Add(call.Name);
        }

        return names;
    }

    public static ClientCall Named(string name) => All.Single(c => c.Name == name);

    /// <summary>A list read three ways: every item, the first page, and pages from a saved offset with a page size.</summary>
    private static IEnumerable<ClientCall> Listing<T>(string method, Func<IAsanaClient, AsanaPageable<T>> list, string? variant = null)
    {
        var prefix = variant is null ? string.Empty : variant + ", ";
        yield return new(method, prefix + "every item", async c => await list(c).ToListAsync());
        yield return new(method, prefix + "first page", async c => await list(c).AsPages().FirstAsync());
        yield return new(method, prefix + "from an offset, 10 a page", async c => await list(c).AsPages(Offset, pageSizeHint: 10).FirstAsync());
    }

    private static ClientCall Search(string variant, AsanaTaskSearch search) =>
        new(nameof(IAsanaClient.SearchTasksAsync), variant, c => c.SearchTasksAsync("12345", search));
}
