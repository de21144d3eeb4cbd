using System.Diagnostics;
using System.Net;
using Asana.Client.Tests.TestSupport;
using Polly.Timeout;
using WireMock.ResponseBuilders;

namespace Asana.Client.Tests.Resilience;

/// <summary>
/// The fault matrix: what each failure does to one call (short backoff so the suite stays fast). Each test has its own
/// server: WireMock logs a delayed response's request only when it is answered, so a shared server would count an
/// earlier test's abandoned request in the next test's log.
/// </summary>
public sealed class AsanaClientFaultTests : IDisposable
{
    private readonly AsanaServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task GetWorkspaceAsync_TooManyRequestsWithRetryAfter_WaitsThenSucceeds()
    {
        _server.RespondInSequence(
            _server.Get("/workspaces/12345"),
            AsanaServer.Json("error_429.json", 429).WithHeader("Retry-After", "1"),
            AsanaServer.Json("workspace.json"));
        using var client = TestClients.Create(_server.BaseAddress);

        var watch = Stopwatch.StartNew();
        var workspace = await client.GetWorkspaceAsync("12345");
        watch.Stop();

        workspace.Gid.Should().Be("12345");
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20), "Retry-After: 1 is honoured");
        _server.Requests.Should().HaveCount(2);
        client.Statistics.Should().Be(new AsanaClientStatistics(Attempts: 2, Retries: 1, RateLimited: 1));
    }

    [Fact]
    public async Task GetWorkspaceAsync_TooManyRequestsAboveMaxRetryAfter_SurfacesWithRetryAfter()
    {
        _server.Respond(_server.Get("/workspaces/12345"), AsanaServer.Json("error_429.json", 429).WithHeader("Retry-After", "120"));
        using var client = TestClients.Create(_server.BaseAddress);

        var act = () => client.GetWorkspaceAsync("12345");

        var error = (await act.Should().ThrowAsync<AsanaApiException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        error.RetryAfter.Should().Be(TimeSpan.FromSeconds(120));
        error.Message.Should().Contain("too many requests");
        _server.Requests.Should().ContainSingle("waiting less than asked would only earn another 429");
    }

    [Fact]
    public async Task TooManyRequests_NotRetried_StillPausesTheClient()
    {
        // With retries off the 429 surfaces, but the next request must still wait out Asana's Retry-After.
        _server.Respond(_server.Get("/workspaces/12345"), AsanaServer.Json("error_429.json", 429).WithHeader("Retry-After", "1"));
        _server.Respond(_server.Get("/workspaces/777"), AsanaServer.Json("workspace.json"));
        using var client = TestClients.Create(_server.BaseAddress, o => o.MaxRetryAttempts = 0);

        var first = () => client.GetWorkspaceAsync("12345");
        (await first.Should().ThrowAsync<AsanaApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var watch = Stopwatch.StartNew();
        await client.GetWorkspaceAsync("777");
        watch.Stop();

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(800), "the client paused for Retry-After: 1");
    }

    [Fact]
    public async Task GetWorkspaceAsync_ServiceUnavailableAboveMaxRetryAfter_SurfacesAtOnce()
    {
        _server.Respond(_server.Get("/workspaces/12345"), AsanaServer.Json("error_500.json", 503).WithHeader("Retry-After", "600"));
        using var client = TestClients.Create(_server.BaseAddress);

        var act = () => client.GetWorkspaceAsync("12345").WaitAsync(TimeSpan.FromSeconds(20));

        var error = (await act.Should().ThrowAsync<AsanaApiException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        error.RetryAfter.Should().Be(TimeSpan.FromSeconds(600));
        _server.Requests.Should().ContainSingle("a Retry-After beyond the cap is surfaced, not waited out past the total timeout");
    }

    [Fact]
    public async Task GetWorkspaceAsync_TooManyRequestsWithoutRetryAfter_BacksOffAndHalvesConcurrency()
    {
        _server.RespondInSequence(
            _server.Get("/workspaces/12345"),
            AsanaServer.Json("error_429.json", 429),
            AsanaServer.Json("workspace.json"));
        using var client = TestClients.Create(_server.BaseAddress, o => o.MaxConcurrentRequests = 50);

        var workspace = await client.GetWorkspaceAsync("12345");

        workspace.Gid.Should().Be("12345");
        _server.Requests.Should().HaveCount(2);
        client.Throttle!.Concurrency.CurrentLimit.Should().BeLessThanOrEqualTo(26, "halved to 25, possibly +1 once recovered");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task GetWorkspaceAsync_ServerErrorThenSuccess_Retries(int status)
    {
        _server.RespondInSequence(
            _server.Get("/workspaces/12345"),
            AsanaServer.Json("error_500.json", status),
            AsanaServer.Json("workspace.json"));
        using var client = TestClients.Create(_server.BaseAddress);

        var workspace = await client.GetWorkspaceAsync("12345");

        workspace.Name.Should().Be("My Company Workspace");
        _server.Requests.Should().HaveCount(2);
        client.Statistics.Should().Be(new AsanaClientStatistics(Attempts: 2, Retries: 1, RateLimited: 0));
        ((IAsanaClient)client).Statistics.Since(new AsanaClientStatistics(1, 0, 0)).Attempts.Should().Be(1);
    }

    [Fact]
    public async Task GetWorkspaceAsync_PersistentServerError_BoundedRetriesThenAsanaError()
    {
        _server.Respond(_server.Get("/workspaces/12345"), AsanaServer.Json("error_500.json", 500));
        using var client = TestClients.Create(_server.BaseAddress, o => o.MaxRetryAttempts = 2);

        var act = () => client.GetWorkspaceAsync("12345");

        var error = (await act.Should().ThrowAsync<AsanaApiException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        error.Errors.Should().ContainSingle().Which.Phrase.Should().Be("6 sad squid snuggle softly");
        error.RequestPath.Should().Be("/api/1.0/workspaces/12345");
        _server.Requests.Should().HaveCount(3, "one attempt and two retries");
    }

    [Fact]
    public async Task GetWorkspaceAsync_HtmlBadGateway_ClearAsanaError()
    {
        _server.Respond(
            _server.Get("/workspaces/12345"),
            Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html").WithBody(Fixtures.Read("bad_gateway.html")));
        using var client = TestClients.Create(_server.BaseAddress, o => o.MaxRetryAttempts = 1);

        var act = () => client.GetWorkspaceAsync("12345");

        var error = (await act.Should().ThrowAsync<AsanaApiException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        error.Message.Should().Contain("not Asana's JSON error format").And.Contain("text/html").And.NotContain("<html>");
        _server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetUsersAsync_TruncatedJsonOnce_RetriedAndSucceeds()
    {
        var truncated = Fixtures.Read("users_page3.json")[..60];
        _server.RespondInSequence(
            _server.Get("/users"),
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(truncated),
            AsanaServer.Json("users_page3.json"));
        using var client = TestClients.Create(_server.BaseAddress);

        var users = await client.GetUsersAsync("12345").ToListAsync();

        users.Should().ContainSingle().Which.Gid.Should().Be("5");
        _server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetUsersAsync_TruncatedJsonAlways_ClearAsanaError()
    {
        _server.Respond(
            _server.Get("/users"),
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"data\": [{\"gid\": \"1\", \"name\": \"Trunc"));
        using var client = TestClients.Create(_server.BaseAddress, o => o.MaxRetryAttempts = 2);

        var act = async () => await client.GetUsersAsync("12345").ToListAsync();

        var error = (await act.Should().ThrowAsync<AsanaApiException>()).Which;
        error.Message.Should().Contain("not complete JSON");
        error.RequestPath.Should().Be("/api/1.0/users");
        _server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task GetUsersAsync_WrongShape_ClearAsanaErrorNotJsonException_NotRetried()
    {
        _server.Respond(
            _server.Get("/users"),
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"data\": {\"gid\": \"1\"}}"));
        using var client = TestClients.Create(_server.BaseAddress, o => o.MaxRetryAttempts = 3);

        var act = async () => await client.GetUsersAsync("12345").ToListAsync();

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("shape");
        _server.Requests.Should().ContainSingle("complete JSON of the wrong shape will not improve on a retry");
    }

    [Fact]
    public async Task GetWorkspaceAsync_Unauthorized_FailsFastWithClearMessage()
    {
        _server.Respond(_server.Get("/workspaces/12345"), AsanaServer.Json("error_401.json", 401));
        using var client = TestClients.Create(_server.BaseAddress);

        var watch = Stopwatch.StartNew();
        var act = () => client.GetWorkspaceAsync("12345");

        var error = (await act.Should().ThrowAsync<AsanaApiException>()).Which;
        watch.Stop();
        error.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        error.Message.Should().Contain("the access token was rejected").And.Contain("Not Authorized");
        _server.Requests.Should().ContainSingle("401 is never retried");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task GetWorkspaceAsync_ConnectionResetThenSuccess_Retries()
    {
        using var flaky = new FlakyTcpServer(Fixtures.Read("workspace.json"), FlakyTcpServer.Behavior.Reset, FlakyTcpServer.Behavior.Ok);
        using var client = TestClients.Create(flaky.BaseAddress);

        var workspace = await client.GetWorkspaceAsync("12345");

        workspace.Gid.Should().Be("12345");
        flaky.Connections.Should().Be(2);
    }

    [Fact]
    public async Task GetWorkspaceAsync_BodyCutMidResponseThenSuccess_Retries()
    {
        using var flaky = new FlakyTcpServer(Fixtures.Read("workspace.json"), FlakyTcpServer.Behavior.Truncate, FlakyTcpServer.Behavior.Ok);
        using var client = TestClients.Create(flaky.BaseAddress);

        var workspace = await client.GetWorkspaceAsync("12345");

        workspace.Gid.Should().Be("12345");
        flaky.Connections.Should().Be(2);
    }

    [Fact]
    public async Task GetWorkspaceAsync_ConnectionAlwaysReset_TransportErrorUnwrapped()
    {
        using var flaky = new FlakyTcpServer("{}", FlakyTcpServer.Behavior.Reset);
        using var client = TestClients.Create(flaky.BaseAddress, o => o.MaxRetryAttempts = 1);

        var act = () => client.GetWorkspaceAsync("12345");

        await act.Should().ThrowAsync<HttpRequestException>();
        flaky.Connections.Should().Be(2);
    }

    [Fact]
    public async Task GetWorkspaceAsync_SlowAttempt_AttemptTimeoutRetried()
    {
        _server.RespondInSequence(
            _server.Get("/workspaces/12345"),
            AsanaServer.Json("workspace.json").WithDelay(TimeSpan.FromSeconds(3)),
            AsanaServer.Json("workspace.json"));
        using var client = TestClients.Create(_server.BaseAddress, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        var workspace = await client.GetWorkspaceAsync("12345");

        workspace.Gid.Should().Be("12345");
        // WireMock logs the abandoned slow request only once it answers, so the elapsed time is the evidence.
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "the slow attempt was abandoned and retried, not awaited");
    }

    [Fact]
    public async Task GetWorkspaceAsync_TotalTimeoutExceeded_TimeoutRejectedUnwrapped()
    {
        _server.Respond(_server.Get("/workspaces/12345"), AsanaServer.Json("workspace.json").WithDelay(TimeSpan.FromSeconds(3)));
        using var client = TestClients.Create(_server.BaseAddress, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.TotalRequestTimeout = TimeSpan.FromMilliseconds(500);
            o.MaxRetryAttempts = 10;
        });

        var act = () => client.GetWorkspaceAsync("12345");

        await act.Should().ThrowAsync<TimeoutRejectedException>();
    }

    [Fact]
    public async Task GetWorkspaceAsync_CallerCancelsDuringBackoff_OperationCanceledUnwrapped()
    {
        _server.Respond(_server.Get("/workspaces/12345"), AsanaServer.Json("error_429.json", 429).WithHeader("Retry-After", "30"));
        using var client = TestClients.Create(_server.BaseAddress);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var act = () => client.GetWorkspaceAsync("12345", cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
