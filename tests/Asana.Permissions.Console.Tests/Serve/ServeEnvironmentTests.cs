using Asana.Permissions.Console.Serve;
using FluentAssertions;
using Xunit;

namespace Asana.Permissions.Console.Tests;

public sealed class ServeEnvironmentTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["ASANA_WORKSPACE"] = "42",
        ["ASANA_LISTEN"] = "http://127.0.0.1:9000",
        ["ASANA_PUBLIC_URL"] = "https://hooks.example.com",
        ["ASANA_SYNC_INTERVAL"] = "30s",
    };

    [Fact]
    public void Complete_AddsWhatTheCommandLineLeavesOut_AndKeepsWhatItGives()
    {
        var args = ServeEnvironment.Complete(["serve", "--listen=http://127.0.0.1:8080"], v => Environment.GetValueOrDefault(v));

        args.Should().Equal("serve", "--listen=http://127.0.0.1:8080", "--workspace", "42", "--public-url", "https://hooks.example.com", "--sync-interval", "30s");
    }

    [Fact]
    public void Complete_LeavesOtherCommandsAlone()
    {
        string[] args = ["sync", "--token", "t"];

        ServeEnvironment.Complete(args, v => Environment.GetValueOrDefault(v)).Should().BeSameAs(args);
    }

    [Fact]
    public async Task AValueFromTheEnvironment_IsCheckedLikeATypedOne()
    {
        var run = await Cli.RunAsync(
            new Dictionary<string, string>(Environment) { ["ASANA_LISTEN"] = "not a url", ["ASANA_TOKEN"] = "secret-token-value" },
            "serve");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--listen must be an absolute http(s) URL").And.NotContain("secret-token-value");
    }
}
