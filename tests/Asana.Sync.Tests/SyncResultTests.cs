namespace Asana.Sync.Tests;

/// <summary>A sync's result prints what happened: requests by kind and every warning, never a type name.</summary>
public sealed class SyncResultTests
{
    [Fact]
    public void ToString_ShowsRequestsByKind_AndEveryWarning()
    {
        var calls = new SyncCallCounts(7, new Dictionary<string, int> { ["users"] = 2, ["search"] = 5 }, 6, 1, Retries: 3);
        var result = new SyncResult(
            "1", SyncMode.Full, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(2), calls, new CallFloor(5, 6), 10, 10, 0, 0,
            [new SyncWarning("task_search_unavailable", "1", "no search"), new SyncWarning("project_tasks_unreadable", "30", "403")])
        {
            TaskSearchAvailable = false,
        };

        calls.ToString().Should().Be("SyncCallCounts { Total = 7, ByKind = { users = 2, search = 5 }, Pages = 6, Failed = 1, Retries = 3 }");
        var text = result.ToString();
        text.Should().Contain("Calls = SyncCallCounts { Total = 7, ByKind = { users = 2, search = 5 }")
            .And.Contain("Warnings = [SyncWarning { Code = task_search_unavailable, ResourceGid = 1, Message = no search }, "
                + "SyncWarning { Code = project_tasks_unreadable, ResourceGid = 30, Message = 403 }]")
            .And.EndWith(", TaskSearchAvailable = False }")
            .And.NotContain("System.");
    }

    [Fact]
    public void ToString_NoWarnings_IsAnEmptyList()
    {
        var result = new SyncResult("1", SyncMode.Incremental, DateTimeOffset.UnixEpoch, TimeSpan.Zero, new SyncCallCounts(0, new Dictionary<string, int>(), 0, 0), null, 0, 0, 0, 0, []);

        result.ToString().Should().Contain("ByKind = { }").And.Contain("Warnings = []");
    }
}
