using Asana.Sync.AspNetCore.Storage;

namespace Asana.Sync.AspNetCore.Tests.Storage;

/// <summary>Both secret stores against one contract; the SQLite one also across instances (a restart) on a real file.</summary>
public sealed class WebhookSecretStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("asana-webhooks-").FullName;

    public static TheoryData<string> Kinds => new() { "sqlite", "memory" };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Handshake_CompletesOnceOnlyForAPendingRecentRegistration(string kind)
    {
        var store = Create(kind);
        await store.SaveAsync(new WebhookRegistration("r1", "w", "p", "project", T0));

        (await store.TryCompleteHandshakeAsync("r1", "s-late", T0.AddSeconds(1))).Should().BeFalse("started before the window");
        (await store.TryCompleteHandshakeAsync("nobody", "s", T0)).Should().BeFalse("never started");
        (await store.TryCompleteHandshakeAsync("r1", "s1", T0)).Should().BeTrue();
        (await store.TryCompleteHandshakeAsync("r1", "s2", T0)).Should().BeFalse("a second handshake changes nothing");

        (await store.GetAsync("r1"))!.Secret.Should().Be("s1");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Deliveries_AreRememberedUntilTheyExpire_AndCanBeForgotten(string kind)
    {
        var store = Create(kind);
        byte[] hash = [1, 2, 3];

        (await store.TryRememberDeliveryAsync("r1", hash, T0, T0.AddHours(24))).Should().BeTrue();
        (await store.TryRememberDeliveryAsync("r1", hash, T0.AddHours(23), T0.AddHours(47))).Should().BeFalse("a replay");
        (await store.TryRememberDeliveryAsync("r2", hash, T0, T0.AddHours(24))).Should().BeTrue("another webhook's");
        (await store.TryRememberDeliveryAsync("r1", hash, T0.AddHours(24), T0.AddHours(48))).Should().BeTrue("expired");
        await store.ForgetDeliveryAsync("r1", hash);
        (await store.TryRememberDeliveryAsync("r1", hash, T0.AddHours(24), T0.AddHours(48))).Should().BeTrue("forgotten");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ListAndDelete_AreByWorkspaceAndId(string kind)
    {
        var store = Create(kind);
        await store.SaveAsync(new WebhookRegistration("a", "w1", "w1", "workspace", T0, "100", "s"));
        await store.SaveAsync(new WebhookRegistration("b", "w1", "p", "project", T0));
        await store.SaveAsync(new WebhookRegistration("c", "w2", "w2", "workspace", T0));

        await store.DeleteAsync("b");

        (await store.ListAsync("w1")).Should().Equal(new WebhookRegistration("a", "w1", "w1", "workspace", T0, "100", "s"));
        (await store.GetAsync("b")).Should().BeNull();
    }

    [Fact]
    public async Task Sqlite_SurvivesARestart_AndItsFileIsTheOwnersOnly()
    {
        var path = Path.Combine(_directory, "hooks.db");
        var first = new SqliteWebhookSecretStore(path);
        await first.SaveAsync(new WebhookRegistration("r1", "w", "p", "project", T0));
        await first.TryCompleteHandshakeAsync("r1", "secret-1", T0);
        await first.TryRememberDeliveryAsync("r1", [9], T0, T0.AddHours(24));

        var second = new SqliteWebhookSecretStore(path);

        (await second.GetAsync("r1"))!.Secret.Should().Be("secret-1");
        (await second.TryRememberDeliveryAsync("r1", [9], T0.AddHours(1), T0.AddHours(25))).Should().BeFalse("a replay after a restart is still a replay");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        second.ToString().Should().NotContain("secret-1");
    }

    [Fact]
    public async Task Sqlite_UnderTheReceiver_RegistersAndAcceptsASimulatedDelivery()
    {
        await using var h = await WebhookHarness.StartAsync(store: new SqliteWebhookSecretStore(Path.Combine(_directory, "receiver.db")));
        var project = h.Organization.GetProjectGids()[0];
        (await h.Registrar.EnsureAsync(h.Organization.WorkspaceGid, [project], h.PublicBaseUrl)).Created.Should().Be(2);

        var task = h.Organization.AddTask(project, "t");
        await h.Asana.Webhooks.DeliverAsync();

        h.Sink.Deliveries.Should().ContainSingle().Which.Events.Should().ContainSingle().Which.Resource!.Gid.Should().Be(task);
    }

    [Theory]
    [InlineData("asana/webhooks", 1024 * 1024)]
    [InlineData("/asana/{x}", 1024 * 1024)]
    [InlineData("/asana/webhooks", 10)]
    public async Task Options_Invalid_FailTheHostAtStart(string prefix, long maxBody)
    {
        var act = () => WebhookHarness.StartAsync(configure: o =>
        {
            o.RoutePrefix = prefix;
            o.MaxBodyBytes = maxBody;
        });

        await act.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>();
    }

    private IWebhookSecretStore Create(string kind) =>
        kind == "sqlite" ? new SqliteWebhookSecretStore(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db")) : new InMemoryWebhookSecretStore();
}
