using Asana.Client.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Asana.Client.Tests;

/// <summary>A base address that is not an Asana API root is refused up front, instead of every call reading as a 404.</summary>
public sealed class AsanaClientCreateTests : IClassFixture<AsanaServer>
{
    private readonly AsanaServer _server;

    public AsanaClientCreateTests(AsanaServer server)
    {
        _server = server;
        _server.Reset();
        _server.Respond(_server.Get("/workspaces/12345"), AsanaServer.Json("workspace.json"));
    }

    public static TheoryData<string> WithoutApiRoot => new()
    {
        "https://app.asana.com",
        "https://app.asana.com/",
        "https://app.asana.com/api",
        "https://app.asana.com/api/1.0/workspaces",
        "https://app.asana.com/api/2.0/",
        "http://127.0.0.1:5080/",
    };

    [Theory]
    [MemberData(nameof(WithoutApiRoot))]
    public void Create_BaseAddressWithoutApiRoot_ThrowsArgumentException_NamingTheExpectedForm(string baseAddress)
    {
        var act = () => AsanaClient.Create(new AsanaClientOptions { BaseAddress = new Uri(baseAddress), AccessToken = "secret-value" });

        var error = act.Should().Throw<ArgumentException>().Which;
        error.ParamName.Should().Be("options");
        error.Message.Should().Contain("BaseAddress").And.Contain("/api/1.0").And.Contain("https://app.asana.com/api/1.0/")
            .And.NotContain("secret-value");
    }

    [Fact]
    public void Create_BaseAddressWithoutApiRoot_ShowsItsPath_ButNeitherUserInfoNorQuery()
    {
        var act = () => AsanaClient.Create(new AsanaClientOptions
        {
            BaseAddress = new Uri("https://someone:hunter2@proxy.example/asana/?key=hunter2"),
            AccessToken = "secret-value",
        });

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("'/asana/'").And.NotContain("hunter2");
    }

    [Theory]
    [InlineData("https://app.asana.com/api/1.0")]
    [InlineData("https://app.asana.com/api/1.0/")]
    [InlineData("https://proxy.example/asana/api/1.0/")]
    [InlineData("http://127.0.0.1:5080/api/1.0/")]
    public void Create_ApiRootOnAnyHost_IsAccepted(string baseAddress)
    {
        using var client = AsanaClient.Create(new AsanaClientOptions { BaseAddress = new Uri(baseAddress), AccessToken = "t" });

        client.ToString().Should().Contain("/api/1.0/");
    }

    [Fact]
    public async Task Create_LoopbackServerBaseAddress_StillWorks()
    {
        using var client = TestClients.Create(_server.BaseAddress);

        (await client.GetWorkspaceAsync("12345")).Gid.Should().Be("12345");
    }

    [Fact]
    public async Task AddAsanaClient_BaseAddressWithoutApiRoot_FailsValidation_NamingTheExpectedForm()
    {
        var services = new ServiceCollection();
        services.AddAsanaClient(o =>
        {
            o.BaseAddress = new Uri("https://app.asana.com/");
            o.AccessToken = "secret-value";
        });
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IAsanaClient>();

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("BaseAddress").And.Contain("/api/1.0")
            .And.NotContain("secret-value");
    }
}
