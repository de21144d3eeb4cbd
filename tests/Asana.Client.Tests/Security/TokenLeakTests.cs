using Asana.Client.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.ResponseBuilders;

namespace Asana.Client.Tests.Security;

/// <summary>
/// A sentinel token must appear nowhere but on the wire: not in logs (every level, every category, including the
/// HTTP client factory's and Polly's), not in exception text, not in ToString of options or client.
/// </summary>
public sealed class TokenLeakTests : IClassFixture<AsanaServer>
{
    private readonly AsanaServer _server;
    private readonly string _sentinel = $"SENTINEL-PAT-{Guid.NewGuid():N}";

    public TokenLeakTests(AsanaServer server)
    {
        _server = server;
        _server.Reset();
        _server.Respond(_server.Get("/users"), AsanaServer.Json("users_page1.json"));
        _server.Respond(_server.Get("/users").WithParam("offset", "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9"), AsanaServer.Json("users_page2.json"), priority: 1);
        _server.Respond(_server.Get("/users").WithParam("offset", "page3+token/=="), AsanaServer.Json("users_page3.json"), priority: 1);
        _server.Respond(_server.Get("/workspaces/500"), AsanaServer.Json("error_500.json", 500));
        _server.Respond(_server.Get("/workspaces/401"), AsanaServer.Json("error_401.json", 401));
        _server.Respond(_server.Get("/workspaces/429"), AsanaServer.Json("error_429.json", 429).WithHeader("Retry-After", "600"));
    }

    [Fact]
    public async Task AddAsanaClient_SentinelToken_NeverInLogsExceptionsOrToString()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddAsanaClient(o =>
        {
            var fast = TestClients.FastOptions(_server.BaseAddress);
            o.BaseAddress = fast.BaseAddress;
            o.AccessToken = _sentinel;
            o.RetryBaseDelay = fast.RetryBaseDelay;
            o.MaxRetryDelay = fast.MaxRetryDelay;
            o.MaxRetryAttempts = 2;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IAsanaClient>();
        var texts = new List<string>();

        await RunSequenceAsync(client, texts);
        texts.Add(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AsanaClientOptions>>().Value.ToString());
        texts.Add(client.ToString()!);
        texts.AddRange(LogTexts(provider.GetRequiredService<FakeLogCollector>()));

        AssertNoSentinel(texts);
    }

    [Fact]
    public async Task Create_SentinelToken_NeverInLogsExceptionsOrToString()
    {
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        var options = TestClients.FastOptions(_server.BaseAddress);
        options.AccessToken = _sentinel;
        options.MaxRetryAttempts = 2;
        using var client = AsanaClient.Create(options, loggerFactory);
        var texts = new List<string>();

        await RunSequenceAsync(client, texts);
        texts.Add(options.ToString());
        texts.Add(client.ToString());
        texts.AddRange(LogTexts(collector));

        options.ToString().Should().Contain("AccessToken = set (hidden)");
        AssertNoSentinel(texts);
    }

    [Fact]
    public async Task Create_ServerEchoesToken_ExceptionRedacted()
    {
        _server.Respond(
            _server.Get("/workspaces/echo"),
            Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody($"{{\"errors\":[{{\"message\":\"bad header Bearer {_sentinel}\"}}]}}"));
        var options = TestClients.FastOptions(_server.BaseAddress);
        options.AccessToken = _sentinel;
        using var client = AsanaClient.Create(options);

        var act = () => client.GetWorkspaceAsync("echo");

        var error = (await act.Should().ThrowAsync<AsanaApiException>()).Which;
        error.ToString().Should().NotContain(_sentinel).And.Contain("bad header Bearer ***");
    }

    private async Task RunSequenceAsync(IAsanaClient client, List<string> texts)
    {
        var users = await client.GetUsersAsync("12345").ToListAsync();
        users.Should().HaveCount(5);

        foreach (var gid in new[] { "500", "401", "429" })
        {
            try
            {
                await client.GetWorkspaceAsync(gid);
                throw new InvalidOperationException("expected a failure");
            }
            catch (AsanaApiException ex)
            {
                texts.Add(ex.ToString());
                texts.Add(ex.Message);
                texts.AddRange(ex.Errors.Select(e => e.ToString()));
            }
        }

        // Positive control: the sentinel really was sent, so the absence below means something.
        _server.Requests.Should().OnlyContain(r => r.RequestMessage!.Headers!["Authorization"].Contains($"Bearer {_sentinel}"));
    }

    private static IEnumerable<string> LogTexts(FakeLogCollector collector)
    {
        var records = collector.GetSnapshot();
        records.Should().NotBeEmpty("the retries were logged");
        foreach (var record in records)
        {
            yield return record.Message;
            yield return record.Exception?.ToString() ?? string.Empty;
            foreach (var pair in record.StructuredState ?? [])
            {
                yield return $"{pair.Key}={pair.Value}";
            }

            foreach (var scope in record.Scopes)
            {
                yield return scope?.ToString() ?? string.Empty;
            }
        }
    }

    private void AssertNoSentinel(List<string> texts)
    {
        texts.Should().NotBeEmpty();
        texts.Where(t => t.Contains(_sentinel, StringComparison.Ordinal)).Should().BeEmpty();
        texts.Where(t => t.Contains(_sentinel[..20], StringComparison.Ordinal)).Should().BeEmpty("not even a prefix of the token");
    }
}
