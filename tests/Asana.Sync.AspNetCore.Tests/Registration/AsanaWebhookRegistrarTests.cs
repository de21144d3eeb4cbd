using Asana.Client.Models;

namespace Asana.Sync.AspNetCore.Tests.Registration;

/// <summary>The registrar against the simulated Asana, whose handshakes reach the real receiver over HTTP.</summary>
public sealed class AsanaWebhookRegistrarTests : IAsyncLifetime
{
    private WebhookHarness _h = null!;

    public async Task InitializeAsync() => _h = await WebhookHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task EnsureAsync_Empty_CreatesTheWorkspaceAndEveryProjectWebhook_AndStoresTheirSecrets()
    {
        var projects = _h.Organization.GetProjectGids();

        var result = await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, projects, _h.PublicBaseUrl);

        result.Should().BeEquivalentTo(new WebhookReconciliation(0, projects.Count + 1, 0, []));
        var hooks = _h.Asana.Webhooks.GetWebhooks();
        hooks.Select(h => h.ResourceGid).Should().BeEquivalentTo([_h.Organization.WorkspaceGid, .. projects]);
        var registrations = await _h.Store.ListAsync(_h.Organization.WorkspaceGid);
        registrations.Should().HaveCount(projects.Count + 1).And.OnlyContain(r => r.HasSecret && r.WebhookGid != null);
        registrations.Select(r => r.WebhookGid).Should().BeEquivalentTo(hooks.Select(h => h.Gid));
        hooks.Should().OnlyContain(h => h.Target.AbsoluteUri.StartsWith(_h.PublicBaseUrl.AbsoluteUri.TrimEnd('/') + "/asana/webhooks/", StringComparison.Ordinal));
        registrations.Should().OnlyContain(r => !r.ToString().Contains(r.Secret!, StringComparison.Ordinal), "a registration never prints its secret");
    }

    [Fact]
    public async Task EnsureAsync_Twice_KeepsEverything()
    {
        var projects = _h.Organization.GetProjectGids();
        await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, projects, _h.PublicBaseUrl);
        var before = _h.Asana.Webhooks.GetWebhooks().Select(h => h.Gid).ToList();

        var result = await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, projects, _h.PublicBaseUrl);

        result.Should().BeEquivalentTo(new WebhookReconciliation(projects.Count + 1, 0, 0, []));
        _h.Asana.Webhooks.GetWebhooks().Select(h => h.Gid).Should().Equal(before);
        _h.Asana.Webhooks.Statistics.Handshakes.Should().Be(projects.Count + 1);
    }

    [Fact]
    public async Task EnsureAsync_AsanaDeletedOne_ReCreatesIt_AndForgetsTheOldRegistration()
    {
        var projects = _h.Organization.GetProjectGids();
        await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, projects, _h.PublicBaseUrl);
        var lost = _h.Asana.Webhooks.GetWebhooks().Single(h => h.ResourceGid == projects[0]);
        _h.Asana.Webhooks.Delete(lost.Gid).Should().BeTrue();

        var result = await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, projects, _h.PublicBaseUrl);

        result.Should().BeEquivalentTo(new WebhookReconciliation(projects.Count, 1, 0, []));
        var registrations = await _h.Store.ListAsync(_h.Organization.WorkspaceGid);
        registrations.Should().HaveCount(projects.Count + 1);
        registrations.Should().NotContain(r => r.WebhookGid == lost.Gid);
        _h.Asana.Webhooks.GetWebhooks().Should().ContainSingle(h => h.ResourceGid == projects[0]).Which.Gid.Should().NotBe(lost.Gid);
    }

    [Fact]
    public async Task EnsureAsync_ProjectGone_DeletesOurWebhookForIt()
    {
        var projects = _h.Organization.GetProjectGids();
        await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, projects, _h.PublicBaseUrl);

        var result = await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, projects.Skip(1).ToList(), _h.PublicBaseUrl);

        result.Should().BeEquivalentTo(new WebhookReconciliation(projects.Count, 0, 1, []));
        _h.Asana.Webhooks.GetWebhooks().Should().NotContain(h => h.ResourceGid == projects[0]);
        (await _h.Store.ListAsync(_h.Organization.WorkspaceGid)).Should().NotContain(r => r.ResourceGid == projects[0]);
    }

    [Fact]
    public async Task EnsureAsync_SecretLost_ReplacesTheUnverifiableWebhook()
    {
        var projects = _h.Organization.GetProjectGids().Take(1).ToList();
        await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, projects, _h.PublicBaseUrl);
        foreach (var registration in await _h.Store.ListAsync(_h.Organization.WorkspaceGid))
        {
            await _h.Store.DeleteAsync(registration.RegistrationId);
        }

        var result = await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, projects, _h.PublicBaseUrl);

        result.Should().BeEquivalentTo(new WebhookReconciliation(0, 2, 2, []));
        _h.Asana.Webhooks.GetWebhooks().Should().HaveCount(2);
        (await _h.Store.ListAsync(_h.Organization.WorkspaceGid)).Should().HaveCount(2).And.OnlyContain(r => r.HasSecret);
    }

    [Fact]
    public async Task EnsureAsync_AnotherAppsWebhook_IsLeftAlone()
    {
        var foreign = await _h.Client.CreateWebhookAsync(_h.Organization.GetProjectGids()[0], new Uri(_h.PublicBaseUrl, "/other/1"), [new AsanaWebhookFilter("task", "added")]);

        await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, [], _h.PublicBaseUrl);
        var result = await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, [], _h.PublicBaseUrl);

        result.Should().BeEquivalentTo(new WebhookReconciliation(1, 0, 0, []));
        _h.Asana.Webhooks.GetWebhooks().Select(h => h.Gid).Should().Contain(foreign.Gid);
    }

    [Fact]
    public async Task EnsureAsync_UnknownProject_ReportsTheFailure_AndCreatesTheRest()
    {
        var result = await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, ["404404"], _h.PublicBaseUrl);

        result.Created.Should().Be(1);
        result.Failures.Should().ContainSingle().Which.Should().Contain("project 404404").And.Contain("404");
        (await _h.Store.ListAsync(_h.Organization.WorkspaceGid)).Should().ContainSingle().Which.ResourceType.Should().Be("workspace");
    }

    [Fact]
    public async Task EnsureAsync_ReceiverNotReachable_FailsTheCreatesAndKeepsNoPendingRegistration()
    {
        var result = await _h.Registrar.EnsureAsync(_h.Organization.WorkspaceGid, [], new Uri("http://127.0.0.1:9"));

        result.Succeeded.Should().BeFalse();
        result.Failures.Should().ContainSingle().Which.Should().Contain("400");
        (await _h.Store.ListAsync(_h.Organization.WorkspaceGid)).Should().BeEmpty();
        _h.Asana.Webhooks.GetWebhooks().Should().BeEmpty();
    }
}
