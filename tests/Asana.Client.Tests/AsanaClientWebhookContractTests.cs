using System.Net;
using System.Text.Json;
using Asana.Client.Models;
using Asana.Client.Tests.TestSupport;
using WireMock.RequestBuilders;

namespace Asana.Client.Tests;

/// <summary>
/// The webhook endpoints against Asana-shaped fixtures: list (paged, workspace and resource), create (the JSON body Asana
/// documents, filters without unset members, never retried) and delete.
/// </summary>
public sealed class AsanaClientWebhookContractTests : IClassFixture<AsanaServer>, IDisposable
{
    private const string WebhookFields = "active,resource,resource.name,target,filters,filters.action,filters.resource_subtype,filters.fields,created_at,last_success_at,last_failure_at";

    private readonly AsanaServer _server;
    private readonly AsanaClient _client;

    public AsanaClientWebhookContractTests(AsanaServer server)
    {
        _server = server;
        _server.Reset();
        _client = TestClients.Create(server.BaseAddress, o => o.PageSize = 2);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task GetWebhooksAsync_Workspace_SendsWorkspaceLimitOptFieldsAndMapsFilters()
    {
        _server.Respond(_server.Get("/webhooks"), AsanaServer.Json("webhooks.json"));

        var hooks = await _client.GetWebhooksAsync("98765432109876543210987").ToListAsync();

        hooks.Should().HaveCount(2);
        hooks[0].Gid.Should().Be("43214");
        hooks[0].Resource.Should().Be(new AsanaReference("98765432109876543210987", "workspace", "My Company Workspace"));
        hooks[0].Target.Should().Be("https://example.com/asana/webhooks/ws-1");
        hooks[0].Active.Should().BeTrue();
        hooks[0].Filters.Should().BeEquivalentTo(
            [new AsanaWebhookFilter("project", "added"), new AsanaWebhookFilter("task", "changed", "milestone", ["assignee"])],
            o => o.WithStrictOrdering());
        hooks[0].LastSuccessAt.Should().Be(new DateTimeOffset(2012, 2, 23, 2, 6, 58, 147, TimeSpan.Zero));
        hooks[1].Active.Should().BeFalse();
        hooks[1].Filters.Should().BeNull();
        var request = _server.Requests.Should().ContainSingle().Subject.RequestMessage!;
        request.Path.Should().Be(AsanaServer.Prefix + "/webhooks");
        var query = AsanaServer.Query(_server.Requests[0]);
        query.AllKeys.Should().Equal("workspace", "limit", "opt_fields");
        query["workspace"].Should().Be("98765432109876543210987");
        query["opt_fields"].Should().Be(WebhookFields);
    }

    [Fact]
    public async Task GetWebhooksAsync_Resource_SendsResourceFilter()
    {
        _server.Respond(_server.Get("/webhooks"), AsanaServer.JsonBody("""{"data": [], "next_page": null}"""));

        var hooks = await _client.GetWebhooksAsync("12345", "900").ToListAsync();

        hooks.Should().BeEmpty();
        var query = AsanaServer.Query(_server.Requests.Should().ContainSingle().Subject);
        query.AllKeys.Should().Equal("workspace", "resource", "limit", "opt_fields");
        query["resource"].Should().Be("900");
    }

    [Fact]
    public async Task GetWebhooksAsync_WebhookWithoutResource_FailsNamingTheField()
    {
        _server.Respond(_server.Get("/webhooks"), AsanaServer.JsonBody("""{"data": [{"gid": "1", "target": "https://x.example/h"}]}"""));

        var act = async () => await _client.GetWebhooksAsync("12345").ToListAsync();

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("webhook (1) without 'resource'").And.Contain("/webhooks");
    }

    [Fact]
    public async Task CreateWebhookAsync_WithFilters_PostsTheDocumentedBodyAndMapsTheAnswer()
    {
        _server.Respond(Post("/webhooks"), AsanaServer.Json("webhook_created.json", 201));

        var hook = await _client.CreateWebhookAsync(
            "900",
            new Uri("https://example.com/asana/webhooks/p-900"),
            [new AsanaWebhookFilter("task", "added"), new AsanaWebhookFilter("task", "changed", Fields: ["assignee"])]);

        hook.Should().BeEquivalentTo(new AsanaWebhook("43216", new AsanaReference("900", "project", "Bugs"), "https://example.com/asana/webhooks/p-900", false));
        var entry = _server.Requests.Should().ContainSingle().Subject;
        entry.RequestMessage!.Method.Should().Be("POST");
        AsanaServer.Query(entry)["opt_fields"].Should().Be(WebhookFields);
        using var body = JsonDocument.Parse(entry.RequestMessage.Body!);
        var data = body.RootElement.GetProperty("data");
        data.GetProperty("resource").GetString().Should().Be("900");
        data.GetProperty("target").GetString().Should().Be("https://example.com/asana/webhooks/p-900");
        var filters = data.GetProperty("filters").EnumerateArray().Select(f => f.GetRawText()).ToList();
        filters.Should().Equal(
            """{"resource_type":"task","action":"added"}""",
            """{"resource_type":"task","action":"changed","fields":["assignee"]}""");
    }

    [Fact]
    public async Task CreateWebhookAsync_NoFilters_SendsNoFiltersMember()
    {
        _server.Respond(Post("/webhooks"), AsanaServer.Json("webhook_created.json", 201));

        await _client.CreateWebhookAsync("900", new Uri("https://example.com/asana/webhooks/p-900"), []);

        using var body = JsonDocument.Parse(_server.Requests.Should().ContainSingle().Subject.RequestMessage!.Body!);
        body.RootElement.GetProperty("data").TryGetProperty("filters", out _).Should().BeFalse();
    }

    [Fact]
    public async Task CreateWebhookAsync_ServerError_IsNotRetried()
    {
        _server.Respond(Post("/webhooks"), AsanaServer.Json("error_500.json", 500));

        var act = () => _client.CreateWebhookAsync("900", new Uri("https://example.com/h"));

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        _server.Requests.Should().ContainSingle("a repeated create could make two webhooks");
    }

    [Fact]
    public async Task CreateWebhookAsync_RelativeTarget_ThrowsBeforeSending()
    {
        var act = () => _client.CreateWebhookAsync("900", new Uri("/h", UriKind.Relative));

        await act.Should().ThrowAsync<ArgumentException>();
        _server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteWebhookAsync_Gid_SendsDelete()
    {
        _server.Respond(Request.Create().WithPath(AsanaServer.Prefix + "/webhooks/43214").UsingDelete(), AsanaServer.JsonBody("""{"data": {}}"""));

        await _client.DeleteWebhookAsync("43214");

        var request = _server.Requests.Should().ContainSingle().Subject.RequestMessage!;
        request.Method.Should().Be("DELETE");
        request.Path.Should().Be(AsanaServer.Prefix + "/webhooks/43214");
    }

    [Fact]
    public async Task DeleteWebhookAsync_NotFound_ThrowsWithStatus()
    {
        _server.Respond(Request.Create().WithPath(AsanaServer.Prefix + "/webhooks/1").UsingDelete(), AsanaServer.JsonBody("""{"errors": [{"message": "webhook: Unknown object: 1"}]}""", 404));

        var act = () => _client.DeleteWebhookAsync("1");

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static IRequestBuilder Post(string path) => Request.Create().WithPath(AsanaServer.Prefix + path).UsingPost();
}
