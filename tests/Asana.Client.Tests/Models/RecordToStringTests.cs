using Asana.Client.Models;

namespace Asana.Client.Tests.Models;

/// <summary>Result records print their items, not the type names of their lists.</summary>
public sealed class RecordToStringTests
{
    private static readonly AsanaTask Task = new(
        "50", "Budget", null, new AsanaReference("10"), [new AsanaReference("11"), new AsanaReference("12")],
        [new AsanaTaskMembership(new AsanaReference("30"), null)], null, 0, null);

    [Fact]
    public void Task_ShowsFollowersAndMemberships()
    {
        Task.ToString().Should().Contain("Followers = [AsanaReference { Gid = 11").And.Contain("Gid = 12")
            .And.Contain("Memberships = [AsanaTaskMembership { Project = AsanaReference { Gid = 30")
            .And.NotContain("System.");
    }

    [Fact]
    public void Page_SearchResult_EventBatch_AndWorkspace_ShowTheirItems()
    {
        new AsanaPage<AsanaTask>([Task], "next").ToString().Should().StartWith("AsanaPage { Items = [AsanaTask { Gid = 50").And.EndWith(", NextOffset = next }");
        new AsanaTaskSearchResult(true, [Task]).ToString().Should().StartWith("AsanaTaskSearchResult { IsAvailable = True, Tasks = [AsanaTask { Gid = 50");
        AsanaTaskSearchResult.NotAvailable.ToString().Should().Be("AsanaTaskSearchResult { IsAvailable = False, Tasks = [] }");
        new AsanaEventBatch([], "sync-1", HasMore: false, SyncTokenReset: true).ToString()
            .Should().Be("AsanaEventBatch { Events = [], SyncToken = sync-1, HasMore = False, SyncTokenReset = True }");
        new AsanaWorkspace("1", "Acme", true, ["acme.example"]).ToString()
            .Should().Be("AsanaWorkspace { Gid = 1, Name = Acme, IsOrganization = True, EmailDomains = [acme.example] }");
        new AsanaWorkspace("1", "Acme", false).ToString().Should().EndWith("EmailDomains =  }", "a null list prints like any null member");
    }
}
