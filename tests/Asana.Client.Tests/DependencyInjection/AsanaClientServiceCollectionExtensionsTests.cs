using Asana.Client.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Asana.Client.Tests.DependencyInjection;

public sealed class AsanaClientServiceCollectionExtensionsTests : IClassFixture<AsanaServer>
{
    private readonly AsanaServer _server;

    public AsanaClientServiceCollectionExtensionsTests(AsanaServer server)
    {
        _server = server;
        _server.Reset();
        _server.Respond(_server.Get("/workspaces/12345"), AsanaServer.Json("workspace.json"));
    }

    [Fact]
    public async Task AddAsanaClient_ValidOptions_ResolvesWorkingClientWithBearerToken()
    {
        var services = new ServiceCollection();
        var builder = services.AddAsanaClient(o =>
        {
            o.BaseAddress = new Uri(_server.BaseAddress.AbsoluteUri.TrimEnd('/'));
            o.AccessToken = "di-token";
        });
        await using var provider = services.BuildServiceProvider();

        var workspace = await provider.GetRequiredService<IAsanaClient>().GetWorkspaceAsync("12345");

        builder.Name.Should().Be(AsanaClientServiceCollectionExtensions.HttpClientName);
        workspace.Gid.Should().Be("12345");
        var request = _server.Requests.Should().ContainSingle().Subject.RequestMessage!;
        request.Path.Should().Be("/api/1.0/workspaces/12345", "a base address without trailing slash keeps its path");
        request.Headers!["Authorization"].Should().Equal("Bearer di-token");
    }

    [Fact]
    public async Task AddAsanaClient_RegistersOneSingleton_ForTheClassAndTheInterface()
    {
        var services = new ServiceCollection();
        services.AddAsanaClient(o =>
        {
            o.BaseAddress = _server.BaseAddress;
            o.AccessToken = "di-token";
        });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        services.Where(d => d.ServiceType == typeof(AsanaClient) || d.ServiceType == typeof(IAsanaClient))
            .Should().HaveCount(2).And.OnlyContain(d => d.Lifetime == ServiceLifetime.Singleton, "the XML doc says singleton");
        var root = provider.GetRequiredService<IAsanaClient>();
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IAsanaClient>().Should().BeSameAs(root);
        scope.ServiceProvider.GetRequiredService<AsanaClient>().Should().BeSameAs(root);
        provider.GetRequiredService<IAsanaClient>().Should().BeSameAs(root);
    }

    [Fact]
    public async Task AddAsanaClient_TokenProviderService_UsedWhenOptionsHaveNoToken()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IAsanaTokenProvider>(new StaticTokenProvider("from-service"));
        services.AddAsanaClient(o => o.BaseAddress = _server.BaseAddress);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<AsanaClient>().GetWorkspaceAsync("12345");

        _server.Requests.Single().RequestMessage!.Headers!["Authorization"].Should().Equal("Bearer from-service");
    }

    [Fact]
    public async Task AddAsanaClient_AccessTokenProviderCallback_CalledPerRequest()
    {
        var calls = 0;
        var services = new ServiceCollection();
        services.AddAsanaClient(o =>
        {
            o.BaseAddress = _server.BaseAddress;
            o.AccessTokenProvider = _ => ValueTask.FromResult($"token-{Interlocked.Increment(ref calls)}");
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IAsanaClient>();

        await client.GetWorkspaceAsync("12345");
        await client.GetWorkspaceAsync("12345");

        _server.Requests.Select(r => r.RequestMessage!.Headers!["Authorization"].Single()).Should().Equal("Bearer token-1", "Bearer token-2");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task AddAsanaClient_PageSizeOutOfRange_ThrowsOptionsValidation(int pageSize)
    {
        var services = new ServiceCollection();
        services.AddAsanaClient(o =>
        {
            o.AccessToken = "secret-value";
            o.PageSize = pageSize;
        });
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IAsanaClient>();

        act.Should().Throw<OptionsValidationException>().WithMessage("*PageSize*").Which.Message.Should().NotContain("secret-value");
    }

    [Fact]
    public async Task AddAsanaClient_NoTokenAnywhere_ThrowsOptionsValidation()
    {
        var services = new ServiceCollection();
        services.AddAsanaClient(_ => { });
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IAsanaClient>();

        act.Should().Throw<OptionsValidationException>().WithMessage("*AccessToken*");
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsNamingEverySetting()
    {
        var options = new AsanaClientOptions
        {
            AccessToken = "secret-value",
            RequestsPerMinute = 0,
            MaxConcurrentRequests = 0,
            AttemptTimeout = TimeSpan.FromMinutes(10),
            TotalRequestTimeout = TimeSpan.FromMinutes(1),
        };

        var act = () => AsanaClient.Create(options);

        var error = act.Should().Throw<OptionsValidationException>().Which;
        error.Failures.Should().HaveCount(3);
        error.Message.Should().Contain("RequestsPerMinute").And.Contain("MaxConcurrentRequests").And.Contain("AttemptTimeout").And.NotContain("secret-value");
    }

    [Fact]
    public void Options_Defaults_MatchAsanaPaidPlan()
    {
        var options = new AsanaClientOptions();

        options.BaseAddress.Should().Be(new Uri("https://app.asana.com/api/1.0/"));
        options.PageSize.Should().Be(100);
        options.RequestsPerMinute.Should().Be(1500);
        options.MaxConcurrentRequests.Should().Be(50);
        options.TotalRequestTimeout.Should().BeGreaterThan(options.MaxRetryAfter + options.AttemptTimeout, "a 60 s Retry-After must fit");
    }

    private sealed class StaticTokenProvider(string token) : IAsanaTokenProvider
    {
        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(token);
    }
}
