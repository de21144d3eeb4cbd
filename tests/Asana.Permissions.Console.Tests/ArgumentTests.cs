using Asana.Permissions.Console.Cli;

namespace Asana.Permissions.Console.Tests;

public sealed class ArgumentTests
{
    public static TheoryData<string[]> UsageErrors => new()
    {
        Array.Empty<string>(),
        new[] { "frobnicate" },
        new[] { "visible" },
        new[] { "visible", "--user", "a@b.c", "--all-users" },
        new[] { "visible", "--user" },
        new[] { "visible", "--all-users", "--colour", "red" },
        new[] { "check", "--user", "a@b.c" },
        new[] { "check", "--ticket", "1" },
        new[] { "explain", "--ticket", "1" },
        new[] { "search", "--user", "a@b.c" },
        new[] { "search", "--user", "a@b.c", "x", "--limit", "many" },
        new[] { "sync" },
        new[] { "sync", "--workspace", "1", "--base-url", "not a url", "--token", "t0ken" },
        new[] { "sync", "--workspace", "not-a-gid", "--token", "t0ken" },
        new[] { "sync", "--workspace", "1", "--token", "t0ken", "--requests-per-minute", "0" },
        new[] { "purge" },
        new[] { "export", "stray" },
        new[] { "demo", "--seed", "x" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task BadArguments_AreExitCode2_InOneLine(string[] args)
    {
        var run = await Cli.RunAsync(args);
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stdout.Should().BeEmpty();
        run.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: ");
    }

    [Fact]
    public async Task Sync_WithoutAnyToken_IsAUsageError_NamingBothSources()
    {
        var run = await Cli.RunAsync("sync", "--workspace", "1");
        run.ExitCode.Should().Be(2);
        run.StderrLines.Should().ContainSingle().Which.Should().Contain("--token").And.Contain("ASANA_TOKEN");
    }

    [Fact]
    public async Task VisibleWithoutUser_SaysSo()
    {
        var run = await Cli.RunAsync("visible");
        run.StderrLines.Should().ContainSingle().Which.Should().Be("error: visible needs --user or --all-users");
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_IsOnStdout_ExitCode0(string help)
    {
        var run = await Cli.RunAsync(help);
        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("Usage:").And.Contain("asana-permissions [command] [options]");
        run.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task UnreadableDatabase_IsOneLine_ExitCode1()
    {
        using var temp = new TempFolder();
        var garbage = Path.Combine(temp.Path, "garbage.db");
        await File.WriteAllTextAsync(garbage, new string('x', 4096));
        var cases = new[]
        {
            (temp.Path, "it is a directory"),
            (Path.Combine(temp.Path, "missing.db"), "no such file"),
            (garbage, "cannot open database"),
        };
        foreach (var (path, reason) in cases)
        {
            var run = await Cli.RunAsync("visible", "--all-users", "--db", path);
            run.ExitCode.Should().Be(1, run.ToString());
            run.Stdout.Should().BeEmpty();
            run.StderrLines.Should().ContainSingle().Which.Should().StartWith($"error: cannot open database {path}").And.Contain(reason);
        }

        // Reading never creates the file.
        File.Exists(Path.Combine(temp.Path, "missing.db")).Should().BeFalse();
        (await File.ReadAllTextAsync(garbage)).Should().Be(new string('x', 4096));
    }

    // Shaped like an Asana personal access token; no command line below may print it, whatever the mistake.
    private const string Sentinel = "2/1209876543210987:SENTINEL0123456789abcdef0123456789";

    public static TheoryData<string[]> MistypedTokenLines => new()
    {
        new[] { "sync", "--workspace", "1", "--token=", Sentinel },
        new[] { "sync", "--token=", Sentinel, "--workspace", "1" },
        new[] { "sync", "--workspace", "1", "--token", "t0ken-one", "--token", Sentinel },
        new[] { "sync", "--workspace", "1", "--tokn", Sentinel },
        new[] { "sync", "--workspace", "1", "--full", Sentinel },
        new[] { "sync", "--workspace", "1", "-t", Sentinel },
        new[] { "sync", "--workspace", "1", Sentinel },
        new[] { "sync", "--workspace", "1", "--token:" + Sentinel },
        new[] { "sync", "--workspace", "1", "-token=" + Sentinel },
        new[] { "sync", "--workspace", Sentinel },
        new[] { "visible", "--all-users", Sentinel },
        new[] { "export", Sentinel },
        new[] { "demo", "--db", "x.db", Sentinel },
        new[] { "check", "--user", Sentinel, "--ticket", "1" },
        new[] { "check", "--user", "a@b.c", "--ticket", Sentinel },
        new[] { "purge", "--workspace", Sentinel },
        new[] { Sentinel },
        new[] { Sentinel, "sync" },
    };

    [Theory]
    [MemberData(nameof(MistypedTokenLines))]
    public async Task MistypedCommandLine_NeverEchoesTheToken(string[] args)
    {
        using var temp = new TempFolder();
        // Run where a stray database file could land, so nothing is left behind in the test folder.
        var run = await Cli.RunAsync(args.Select(a => a == "x.db" ? Path.Combine(temp.Path, "x.db") : a).ToArray());

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Stdout.Should().NotContain(Sentinel).And.NotContain("SENTINEL");
        run.Stderr.Should().NotContain(Sentinel).And.NotContain("SENTINEL");
        run.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: ");
    }

    [Fact]
    public async Task StrayArguments_AreNamedByPosition()
    {
        var run = await Cli.RunAsync("export", "--db", "x.db", "stray-word", "2/12:hunter2");

        run.ExitCode.Should().Be(2);
        run.StderrLines.Should().ContainSingle().Which.Should().Contain("argument 4").And.NotContain("stray-word").And.NotContain("hunter2");
    }

    [Fact]
    public async Task TheSameOptionTwice_IsAUsageError_WithoutEitherValue()
    {
        var run = await Cli.RunAsync("sync", "--workspace", "1", "--token", "first-value", "--token", "second-value");

        run.ExitCode.Should().Be(2);
        run.StderrLines.Should().ContainSingle().Which.Should().Contain("--token").And.NotContain("first-value").And.NotContain("second-value");
    }

    [Fact]
    public async Task UnknownWordLikeCommand_IsNamed()
    {
        var run = await Cli.RunAsync("frobnicate");

        run.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: unknown command 'frobnicate'");
    }

    [Fact]
    public async Task TheToken_IsNeverEchoed_EvenInUsageErrors()
    {
        const string token = "SENTINEL-0123456789";
        var run = await Cli.RunAsync("sync", "--token", token, "--workspace", token);
        run.ExitCode.Should().Be(2);
        run.Stderr.Should().NotContain(token);
    }

    [Fact]
    public void TheScrubber_MasksTheTokenAndItsEscapedForm()
    {
        // The second line of defence behind messages that never quote a token.
        var scrubber = new SecretScrubber();
        scrubber.Add(Sentinel);

        scrubber.Scrub($"a {Sentinel} b {Uri.EscapeDataString(Sentinel)}").Should().Be("a *** b ***");
    }
}
