using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Asana.Simulator.Tests;

/// <summary>
/// <c>/webhooks</c> as Asana does it: the handshake during <c>POST /webhooks</c> through real HTTP, workspace filters
/// required, signed batched deliveries of the resource's events, heartbeats, seeded loss and duplication, retries with
/// backoff and deletion after repeated failures.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private WebhookTarget _target = null!;

    public async Task InitializeAsync() => _target = await WebhookTarget.StartAsync();

    public async Task DisposeAsync() => await _target.DisposeAsync();

    [Fact]
    public async Task Create_TargetEchoesSecret_Returns201AndListsTheWebhook()
    {
        var (server, http) = await StartAsync();
        await using var _ = server;
        using var __ = http;
        var project = server.Organization.GetProjectGids()[0];

        var (status, body) = await CreateAsync(http, project, _target.Target("p1"));

        status.Should().Be(201, body?.ToJsonString());
        body!["data"]!["resource"]!["gid"]!.GetValue<string>().Should().Be(project);
        body["X-Hook-Secret"]!.GetValue<string>().Should().Be(_target.Secrets["p1"]).And.HaveLength(64);
        var listed = await http.GetAllAsync($"webhooks?workspace={server.Organization.WorkspaceGid}");
        listed.Should().ContainSingle().Which["target"]!.GetValue<string>().Should().Be(_target.Target("p1").AbsoluteUri);
        (await http.GetAllAsync($"webhooks?workspace={server.Organization.WorkspaceGid}&resource=1")).Should().BeEmpty();
    }

    [Fact]
    public async Task Create_TargetDoesNotEchoTheSecret_Returns400AndCreatesNothing()
    {
        var (server, http) = await StartAsync();
        await using var _ = server;
        using var __ = http;
        _target.EchoHandshake = false;

        var (status, _) = await CreateAsync(http, server.Organization.GetProjectGids()[0], _target.Target("p1"));

        status.Should().Be(400);
        _target.Secrets.Should().ContainKey("p1", "the handshake was sent");
        server.Webhooks.GetWebhooks().Should().BeEmpty();
        server.Webhooks.Statistics.FailedHandshakes.Should().Be(1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""[{"resource_type": "task", "action": "changed"}]""")]
    [InlineData("""[{"resource_type": "project", "action": "changed", "fields": ["name"]}]""")]
    public async Task Create_WorkspaceWithoutAllowedFilters_Returns400(string? filters)
    {
        var (server, http) = await StartAsync();
        await using var _ = server;
        using var __ = http;

        var (status, body) = await CreateAsync(http, server.Organization.WorkspaceGid, _target.Target("w"), filters is null ? null : JsonNode.Parse(filters));

        status.Should().Be(400);
        body!["errors"]![0]!["message"]!.GetValue<string>().Should().Contain("must have at least one filter");
        _target.Secrets.Should().BeEmpty("Asana checks the filters before the handshake");
    }

    [Fact]
    public async Task Deliver_EventsAfterCreation_ArePostedSignedAndFiltered()
    {
        var (server, http) = await StartAsync();
        await using var _ = server;
        using var __ = http;
        var org = server.Organization;
        var project = org.GetProjectGids()[0];
        org.AddTask(project, "before the webhook");
        await CreateAsync(http, project, _target.Target("p"), JsonNode.Parse("""[{"resource_type": "task", "action": "added"}]"""));
        await CreateAsync(http, org.WorkspaceGid, _target.Target("w"), JsonNode.Parse("""[{"resource_type": "project", "action": "added"}]"""));

        var task = org.AddTask(project, "after the webhook");
        org.UpdateTask(task, name: "renamed: filtered out");
        var newProject = org.AddProject("New", "public_to_workspace");
        var attempted = await server.Webhooks.DeliverAsync();

        attempted.Should().Be(2);
        var deliveries = _target.Deliveries.ToList();
        deliveries.Should().HaveCount(2);
        foreach (var (path, body, signature) in deliveries)
        {
            _target.IsSignedCorrectly(path[(path.LastIndexOf('/') + 1)..], body, signature).Should().BeTrue();
        }

        var projectEvents = Events(deliveries.Single(d => d.Path.EndsWith("/p", StringComparison.Ordinal)).Body);
        projectEvents.Should().ContainSingle();
        projectEvents[0]!["resource"]!["gid"]!.GetValue<string>().Should().Be(task);
        projectEvents[0]!["action"]!.GetValue<string>().Should().Be("added");
        projectEvents[0]!["resource"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["gid", "resource_type", "resource_subtype"], "webhook events carry compact objects");
        var workspaceEvents = Events(deliveries.Single(d => d.Path.EndsWith("/w", StringComparison.Ordinal)).Body);
        workspaceEvents.Should().ContainSingle().Which!["resource"]!["gid"]!.GetValue<string>().Should().Be(newProject);
        (await server.Webhooks.DeliverAsync()).Should().Be(0, "nothing new and no heartbeat due");
    }

    [Fact]
    public async Task Deliver_QuietForTheHeartbeatInterval_SendsAnEmptySignedBatch()
    {
        var (server, http) = await StartAsync(new WebhookDeliveryOptions { DeliveryInterval = null, HeartbeatInterval = TimeSpan.FromHours(8) });
        await using var _ = server;
        using var __ = http;
        await CreateAsync(http, server.Organization.GetProjectGids()[0], _target.Target("p"));

        _clock.Advance(TimeSpan.FromHours(7));
        (await server.Webhooks.DeliverAsync()).Should().Be(0);
        _clock.Advance(TimeSpan.FromHours(1));
        (await server.Webhooks.DeliverAsync()).Should().Be(1);

        var (_, body, signature) = _target.Deliveries.Should().ContainSingle().Subject;
        Events(body).Should().BeEmpty();
        _target.IsSignedCorrectly("p", body, signature).Should().BeTrue();
        server.Webhooks.Statistics.Heartbeats.Should().Be(1);
    }

    [Fact]
    public async Task Deliver_TargetFails_RetriesWithDoublingDelaysThenDeletesTheWebhook()
    {
        var (server, http) = await StartAsync(new WebhookDeliveryOptions
        {
            DeliveryInterval = null,
            RetryBaseDelay = TimeSpan.FromMinutes(1),
            FailuresBeforeDeletion = 4,
        });
        await using var _ = server;
        using var __ = http;
        var project = server.Organization.GetProjectGids()[0];
        await CreateAsync(http, project, _target.Target("p"));
        _target.DeliveryStatus = System.Net.HttpStatusCode.InternalServerError;
        server.Organization.AddTask(project, "t");

        var attempts = new List<int>();
        await server.Webhooks.DeliverAsync();
        foreach (var wait in new[] { 59, 1, 119, 1, 239, 1 })
        {
            _clock.Advance(TimeSpan.FromSeconds(wait));
            attempts.Add(await server.Webhooks.DeliverAsync());
        }

        attempts.Should().Equal([0, 1, 0, 1, 0, 1], "retries wait 1, 2 and 4 minutes");
        server.Webhooks.GetWebhooks().Should().BeEmpty("deleted after 4 consecutive failures");
        server.Webhooks.Statistics.Should().Match<WebhookStatistics>(s => s.FailedDeliveries == 4 && s.WebhooksDeletedForFailures == 1);
        _target.Deliveries.Select(d => d.Body).Distinct(new BytesComparer()).Should().ContainSingle("every retry resends the same batch");
    }

    [Fact]
    public async Task Deliver_FailingForADay_DeletesTheWebhook()
    {
        var (server, http) = await StartAsync(new WebhookDeliveryOptions { DeliveryInterval = null, MaxRetryDelay = TimeSpan.FromHours(1) });
        await using var _ = server;
        using var __ = http;
        await CreateAsync(http, server.Organization.GetProjectGids()[0], _target.Target("p"));
        _target.DeliveryStatus = System.Net.HttpStatusCode.ServiceUnavailable;
        server.Organization.AddTask(server.Organization.GetProjectGids()[0], "t");

        for (var hour = 0; hour <= 25 && server.Webhooks.GetWebhooks().Count > 0; hour++)
        {
            await server.Webhooks.DeliverAsync();
            _clock.Advance(TimeSpan.FromHours(1));
        }

        server.Webhooks.GetWebhooks().Should().BeEmpty();
        server.Webhooks.Statistics.WebhooksDeletedForFailures.Should().Be(1);
    }

    [Fact]
    public async Task Deliver_LossAndDuplication_AreSeededAndCounted()
    {
        var (server, http) = await StartAsync(new WebhookDeliveryOptions { DeliveryInterval = null, LossRate = 0.3, DuplicateRate = 0.3, ReorderRate = 0.3, Seed = 5 });
        await using var _ = server;
        using var __ = http;
        var project = server.Organization.GetProjectGids()[0];
        await CreateAsync(http, project, _target.Target("p"), JsonNode.Parse("""[{"resource_type": "task", "action": "added"}]"""));
        var tasks = Enumerable.Range(0, 40).Select(i => server.Organization.AddTask(project, $"t{i}")).ToList();

        await server.Webhooks.DeliverAsync();

        var delivered = Events(_target.Deliveries.Single().Body).Select(e => e!["resource"]!["gid"]!.GetValue<string>()).ToList();
        var stats = server.Webhooks.Statistics;
        stats.EventsLost.Should().BeInRange(1, 39);
        stats.EventsDuplicated.Should().BeGreaterThan(0);
        delivered.Should().HaveCount(40 - stats.EventsLost + stats.EventsDuplicated);
        delivered.Should().BeSubsetOf(tasks);
        delivered.Should().NotEqual(tasks.Where(delivered.Contains), "some are out of order");
    }

    [Fact]
    public async Task Delete_RemovesTheWebhook_AndUnknownIs404()
    {
        var (server, http) = await StartAsync();
        await using var _ = server;
        using var __ = http;
        var (_, created) = await CreateAsync(http, server.Organization.GetProjectGids()[0], _target.Target("p"));
        var gid = created!["data"]!["gid"]!.GetValue<string>();

        using var first = await http.DeleteAsync(new Uri($"webhooks/{gid}", UriKind.Relative));
        using var second = await http.DeleteAsync(new Uri($"webhooks/{gid}", UriKind.Relative));

        ((int)first.StatusCode).Should().Be(200);
        ((int)second.StatusCode).Should().Be(404);
        server.Webhooks.GetWebhooks().Should().BeEmpty();
    }

    private Task<(SimulatedAsana, HttpClient)> StartAsync(WebhookDeliveryOptions? webhooks = null) =>
        ServerFixture.StartAsync(options: new SimulatorOptions
        {
            TimeProvider = _clock,
            Webhooks = webhooks ?? new WebhookDeliveryOptions { DeliveryInterval = null },
        });

    private static async Task<(int Status, JsonNode? Body)> CreateAsync(HttpClient http, string resource, Uri target, JsonNode? filters = null)
    {
        var data = new JsonObject { ["resource"] = resource, ["target"] = target.AbsoluteUri };
        if (filters is not null)
        {
            data["filters"] = filters;
        }

        using var response = await http.PostAsJsonAsync(new Uri("webhooks", UriKind.Relative), new JsonObject { ["data"] = data });
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static JsonArray Events(byte[] body) => JsonNode.Parse(body)!["events"]!.AsArray();

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
