using System.Security.Cryptography;
using System.Text;
using Asana.Simulator;
using Xunit.Abstractions;

namespace Asana.Sync.AspNetCore.Tests.Receiving;

/// <summary>
/// The receiver on real Kestrel, fed by the simulated Asana's signed deliveries, and attacked: forged, unsigned,
/// signed with another webhook's secret, truncated, extended, replayed, sent to another webhook, forged handshakes.
/// </summary>
public sealed class AsanaWebhookReceiverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private WebhookHarness _h = null!;
    private string _project = null!;

    public async Task InitializeAsync()
    {
        _h = await WebhookHarness.StartAsync();
        _project = _h.Organization.GetProjectGids()[0];
        (await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, [_project], _h.PublicBaseUrl)).Succeeded.Should().BeTrue();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Delivery_TaskAdded_ReachesTheSinkParsed_WithWorkspaceAndWebhook()
    {
        var task = _h.Organization.AddTask(_project, "Quarterly numbers");
        var registration = await RegistrationAsync(_project);

        await _h.Asana.Webhooks.DeliverAsync();

        var delivery = _h.Sink.Deliveries.Should().ContainSingle().Subject;
        delivery.RegistrationId.Should().Be(registration.RegistrationId);
        delivery.WorkspaceGid.Should().Be(_h.Organization.WorkspaceGid);
        delivery.ResourceGid.Should().Be(_project);
        delivery.WebhookGid.Should().Be(registration.WebhookGid).And.NotBeNull();
        var e = delivery.Events.Should().ContainSingle().Subject;
        e.Resource!.Gid.Should().Be(task);
        e.Resource.ResourceType.Should().Be("task");
        e.Action.Should().Be("added");
        e.Parent!.Gid.Should().Be(_project);
        e.CreatedAt.Should().Be(_h.Clock.GetUtcNow());
        _h.Wire.Should().ContainSingle().Which.Status.Should().Be(200);
    }

    [Fact]
    public async Task Delivery_ProjectAddedToWorkspace_ComesThroughTheWorkspaceWebhook()
    {
        var project = _h.Organization.AddProject("Launch", "public_to_workspace");

        await _h.Asana.Webhooks.DeliverAsync();

        var delivery = _h.Sink.Deliveries.Should().ContainSingle().Subject;
        delivery.ResourceGid.Should().Be(_h.Organization.WorkspaceGid);
        delivery.Events.Should().ContainSingle().Which.Resource!.Gid.Should().Be(project);
    }

    [Fact]
    public async Task Heartbeat_Answers200_AndReachesNoSink()
    {
        _h.Clock.Advance(TimeSpan.FromHours(8));

        (await _h.Asana.Webhooks.DeliverAsync()).Should().Be(2);

        _h.Asana.Webhooks.Statistics.Should().Match<WebhookStatistics>(s => s.Heartbeats == 2 && s.FailedDeliveries == 0);
        _h.Wire.Should().HaveCount(2).And.OnlyContain(w => w.Status == 200);
        _h.Sink.Deliveries.Should().BeEmpty();
    }

    [Fact]
    public async Task Attacks_ForgedUnsignedMisSignedTamperedReplayedMisroutedAndForgedHandshakes_AreNeverAccepted()
    {
        // One real delivery, captured on the wire, and the two webhooks' secrets (as only they know them).
        _h.Organization.AddTask(_project, "Payroll");
        await _h.Asana.Webhooks.DeliverAsync();
        var (path, body, signature, _) = _h.Wire.Should().ContainSingle().Subject;
        _h.Sink.Deliveries.Should().ContainSingle();
        var project = await RegistrationAsync(_project);
        var workspace = await RegistrationAsync(_h.Organization.WorkspaceGid);
        var workspacePath = "/asana/webhooks/" + workspace.RegistrationId;
        var forgedBody = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace(_project, "999", StringComparison.Ordinal));
        var heartbeat = """{"events":[]}"""u8.ToArray();

        var attempts = new (string What, Func<Task<int>> Send, int Expected)[]
        {
            ("replayed as captured", () => _h.PostAsync(path, body, signature), 200),
            ("replayed, signature in upper case", () => _h.PostAsync(path, body, signature!.ToUpperInvariant()), 200),
            ("forged signature", () => _h.PostAsync(path, body, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))), 401),
            ("unsigned", () => _h.PostAsync(path, body), 401),
            ("empty signature", () => _h.PostAsync(path, body, string.Empty), 401),
            ("signature with a prefix", () => _h.PostAsync(path, body, "sha256=" + signature), 401),
            ("truncated signature", () => _h.PostAsync(path, body, signature![..62]), 401),
            ("signed with the other webhook's secret", () => _h.PostAsync(path, body, Sign(workspace.Secret!, body)), 401),
            ("tampered body, captured signature", () => _h.PostAsync(path, forgedBody, signature), 401),
            ("truncated body", () => _h.PostAsync(path, body[..^1], signature), 401),
            ("extended body", () => _h.PostAsync(path, [.. body, (byte)' '], signature), 401),
            ("captured delivery sent to the other webhook", () => _h.PostAsync(workspacePath, body, signature), 401),
            ("unknown registration", () => _h.PostAsync("/asana/webhooks/0123456789abcdef0123456789abcdef", body, signature), 401),
            ("unsigned heartbeat", () => _h.PostAsync(path, heartbeat), 401),
            ("forged handshake overwriting a secret", () => _h.PostAsync(path, [], secretHeader: "attacker-secret"), 401),
            ("forged handshake for an unknown registration", () => _h.PostAsync("/asana/webhooks/abc", [], secretHeader: "attacker-secret"), 401),
            ("forged delivery signed with the attacker's secret", () => _h.PostAsync(path, forgedBody, Sign("attacker-secret", forgedBody)), 401),
        };

        var accepted = 0;
        foreach (var (what, send, expected) in attempts)
        {
            var before = _h.Sink.Deliveries.Count;
            var status = await send();
            var reached = _h.Sink.Deliveries.Count - before;
            accepted += reached;
            output.WriteLine($"{what}: {status}, {(reached == 0 ? "not accepted" : "ACCEPTED")}");
            status.Should().Be(expected, what);
        }

        output.WriteLine($"forged, unsigned and replayed deliveries accepted: {accepted} of {attempts.Length} tried");
        accepted.Should().Be(0);
        (await RegistrationAsync(_project)).Secret.Should().Be(project.Secret, "a forged handshake changes nothing");
        _h.Sink.Deliveries.Should().ContainSingle("only the genuine delivery");
    }

    [Fact]
    public async Task ForgedHandshake_BeforeTheRegistrarsOwn_IsRefusedOnceTheWindowIsOver()
    {
        var registration = new WebhookRegistration("fedcba9876543210fedcba9876543210", _h.Organization.WorkspaceGid, _project, "project", _h.Clock.GetUtcNow());
        await _h.Store.SaveAsync(registration);
        _h.Clock.Advance(TimeSpan.FromMinutes(6));

        var status = await _h.PostAsync("/asana/webhooks/" + registration.RegistrationId, [], secretHeader: "late");

        status.Should().Be(401);
        (await _h.Store.GetAsync(registration.RegistrationId))!.HasSecret.Should().BeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Delivery_LargerThanTheCap_Gets413_AndReachesNoSink(bool chunked)
    {
        var registration = await RegistrationAsync(_project);
        var body = new byte[(1024 * 1024) + 1];
        Array.Fill(body, (byte)' ');

        var status = await _h.PostAsync("/asana/webhooks/" + registration.RegistrationId, body, Sign(registration.Secret!, body), chunked: chunked);

        status.Should().Be(413);
        _h.Sink.Deliveries.Should().BeEmpty();
    }

    [Fact]
    public async Task Delivery_SignedButNotADelivery_Gets400()
    {
        var registration = await RegistrationAsync(_project);
        var body = """{"events": [{"action": "added"}]}"""u8.ToArray();

        var status = await _h.PostAsync("/asana/webhooks/" + registration.RegistrationId, body, Sign(registration.Secret!, body));

        status.Should().Be(400);
        _h.Sink.Deliveries.Should().BeEmpty();
    }

    [Fact]
    public async Task Delivery_EveryEventOlderThanTheReplayWindow_IsIgnored()
    {
        var registration = await RegistrationAsync(_project);
        var old = _h.Clock.GetUtcNow().AddHours(-25).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes($$$"""{"events": [{"action": "added", "created_at": "{{{old}}}", "resource": {"gid": "1", "resource_type": "task"}}]}""");

        var status = await _h.PostAsync("/asana/webhooks/" + registration.RegistrationId, body, Sign(registration.Secret!, body));

        status.Should().Be(200);
        _h.Sink.Deliveries.Should().BeEmpty();
    }

    [Fact]
    public async Task Delivery_SinkFails_Answers500_AndAsanasRetryIsAccepted()
    {
        _h.Sink.FailNext(1);
        _h.Organization.AddTask(_project, "Retry me");

        await _h.Asana.Webhooks.DeliverAsync();
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.Asana.Webhooks.DeliverAsync();

        _h.Wire.Select(w => w.Status).Should().Equal(500, 200);
        _h.Wire.Select(w => w.Body).Distinct(new BytesComparer()).Should().ContainSingle("Asana resent the same body");
        _h.Sink.Deliveries.Should().ContainSingle().Which.Events.Should().ContainSingle();
    }

    [Fact]
    public async Task Deliveries_DuplicatedAndReordered_EachDistinctBodyReachesTheSinkOnce()
    {
        await using var h = await WebhookHarness.StartAsync(delivery: new WebhookDeliveryOptions
        {
            DeliveryInterval = null, DuplicateRate = 1, ReorderRate = 0.5, MaxEventsPerDelivery = 1, Seed = 3,
        });
        var project = h.Organization.GetProjectGids()[0];
        await h.Registrar.EnsureAsync(h.Organization.WorkspaceGid, [project], h.PublicBaseUrl);
        var tasks = Enumerable.Range(0, 5).Select(i => h.Organization.AddTask(project, $"t{i}")).ToList();

        for (var round = 0; round < 10; round++)
        {
            await h.Asana.Webhooks.DeliverAsync();
        }

        h.Wire.Should().HaveCount(10).And.OnlyContain(w => w.Status == 200);
        h.Sink.Deliveries.SelectMany(d => d.Events).Select(e => e.Resource!.Gid).Should().BeEquivalentTo(tasks, "each duplicate body is ignored");
    }

    private async Task<WebhookRegistration> RegistrationAsync(string resourceGid) =>
        (await _h.Store.ListAsync(_h.Organization.WorkspaceGid)).Single(r => r.ResourceGid == resourceGid);

    private static string Sign(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
