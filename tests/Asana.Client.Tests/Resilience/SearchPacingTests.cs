using Asana.Client.Models;
using Asana.Client.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Asana.Client.Tests.Resilience;

/// <summary>The client paces search to Asana's separate search quota, on top of (not instead of) the general one.</summary>
public sealed class SearchPacingTests : IClassFixture<AsanaServer>
{
    private readonly AsanaServer _server;

    public SearchPacingTests(AsanaServer server)
    {
        _server = server;
        _server.Reset();
        _server.Respond(_server.Get("/workspaces/12345/tasks/search"), AsanaServer.Json("search.json"));
        _server.Respond(_server.Get("/workspaces/12345"), AsanaServer.Json("workspace.json"));
    }

    [Fact]
    public async Task SearchTasksAsync_BeyondTheSearchBurst_WaitsForTheSearchQuota_WhileOtherReadsGoOn()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = TestClients.Create(_server.BaseAddress, o => o.SearchRequestsPerMinute = 60, timeProvider: time);
        var burst = client.Throttle!.SearchTokenLimit;
        for (var i = 0; i < burst; i++)
        {
            (await client.SearchTasksAsync("12345", new AsanaTaskSearch(IsSubtask: false)).WaitAsync(TimeSpan.FromSeconds(10))).IsAvailable.Should().BeTrue();
        }

        var paced = client.SearchTasksAsync("12345", new AsanaTaskSearch(IsSubtask: false));
        await Task.Delay(200);
        paced.IsCompleted.Should().BeFalse("60 searches a minute: the burst is spent");

        var workspace = await client.GetWorkspaceAsync("12345").WaitAsync(TimeSpan.FromSeconds(10));
        workspace.Gid.Should().Be("12345", "other endpoints are not held back by the search quota");

        time.Advance(client.Throttle.SearchRefillPeriod);
        (await paced.WaitAsync(TimeSpan.FromSeconds(10))).IsAvailable.Should().BeTrue();
        _server.Requests.Count(r => r.RequestMessage!.Path.EndsWith("/tasks/search", StringComparison.Ordinal)).Should().Be(burst + 1);
    }

    [Fact]
    public void Options_SearchRequestsPerMinute_DefaultsTo60_AndIsValidated()
    {
        new AsanaClientOptions().SearchRequestsPerMinute.Should().Be(60);
        var act = () => TestClients.Create(_server.BaseAddress, o => o.SearchRequestsPerMinute = 0);
        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*SearchRequestsPerMinute*");
    }
}
