using Asana.Permissions.Console.Cli;

namespace Asana.Permissions.Console.Tests;

/// <summary>What System.CommandLine brings: generated help for every command, completions, and the secrets rules through it.</summary>
public sealed class CommandLineTests
{
    private const string Sentinel = "2/1209876543210987:SENTINEL0123456789abcdef0123456789";

    public static TheoryData<string, string[]> CommandOptions => new()
    {
        { "demo", ["--db", "--seed", "--verbose"] },
        { "sync", ["--workspace", "--base-url", "--token", "--db", "--full", "--requests-per-minute", "--verbose"] },
        { "visible", ["--user", "--all-users", "--workspace", "--db"] },
        { "check", ["--user", "--ticket", "--workspace", "--db"] },
        { "explain", ["--user", "--ticket", "--workspace", "--db"] },
        { "search", ["--user", "--limit", "--workspace", "--db"] },
        { "export", ["--workspace", "--db"] },
        { "purge", ["--workspace", "--db"] },
        { "changes", ["--workspace", "--since", "--limit", "--db"] },
        { "serve", ["--workspace", "--base-url", "--token", "--db", "--listen", "--public-url", "--sync-interval", "--webhook-secrets", "--requests-per-minute", "--verbose"] },
    };

    [Theory]
    [MemberData(nameof(CommandOptions))]
    public async Task EachCommandsHelp_ListsEveryOption_WithADescription(string command, string[] options)
    {
        foreach (var args in new[] { new[] { command, "--help" }, ["help", command] })
        {
            var run = await Cli.RunAsync(args);

            run.ExitCode.Should().Be(0, run.ToString());
            run.Stderr.Should().BeEmpty();
            run.Stdout.Should().Contain($"asana-permissions {command}");
            var lines = run.Stdout.Split('\n');
            foreach (var option in options)
            {
                // "  --name <VALUE>   what it is": the option is listed and described.
                lines.Should().Contain(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal) && l.Trim().Length > option.Length + 10, $"{command} --help lists {option}");
            }
        }
    }

    [Fact]
    public async Task Help_ListsEveryCommand_WithADescription()
    {
        var run = await Cli.RunAsync("--help");

        var lines = run.Stdout.Split('\n');
        foreach (var command in new[] { "demo", "sync", "visible", "check", "explain", "search", "export", "purge", "help" })
        {
            lines.Should().Contain(l => l.StartsWith("  " + command + " ", StringComparison.Ordinal) && l.Trim().Length > command.Length + 10, command);
        }
    }

    [Fact]
    public async Task Help_ShowsTheDefaults_AndNeverTheTokenFromTheEnvironment()
    {
        var run = await Cli.RunAsync(new Dictionary<string, string> { ["ASANA_TOKEN"] = Sentinel }, "sync", "--help");

        run.Stdout.Should().Contain("[default: https://app.asana.com/api/1.0]").And.Contain("[default: asana-permissions.db]").And.Contain("[default: 1500]")
            .And.Contain("ASANA_TOKEN").And.NotContain("SENTINEL");
        (await Cli.RunAsync("demo", "--help")).Stdout.Should().Contain("[default: asana-permissions-demo.db]");
    }

    [Fact]
    public async Task HelpOfAnUnknownCommand_IsAUsageError_WithoutTheWord()
    {
        var run = await Cli.RunAsync("help", Sentinel);

        run.ExitCode.Should().Be(2);
        run.Stdout.Should().BeEmpty();
        run.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: help takes the name of a command").And.NotContain("SENTINEL");
    }

    [Fact]
    public async Task SuggestDirective_ListsTheCommands()
    {
        var run = await Cli.RunAsync("[suggest]");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Should().Contain(["demo", "sync", "visible", "check", "explain", "search", "export", "purge", "help"]);
    }

    [Fact]
    public async Task SuggestDirective_CompletesACommandsOptions_AndNeverEchoesTheToken()
    {
        // As dotnet-suggest calls it: the command line as one string, and the cursor position.
        var line = $"sync --token {Sentinel} --";
        var run = await Cli.RunAsync($"[suggest:{line.Length}]", line);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Should().Contain(["--workspace", "--base-url", "--db", "--full", "--requests-per-minute"]);
        (run.Stdout + run.Stderr).Should().NotContain("SENTINEL");
    }

    [Fact]
    public async Task SuggestDirective_CompletesTheHelpCommandsArgument()
    {
        var run = await Cli.RunAsync("[suggest:6]", "help s");

        run.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Should().Contain(["search", "sync"]);
    }

    public static TheoryData<string[], string> SecretsThroughTheParser => new()
    {
        // The parser alone would read "--token= T" as "--token T", and "--token:T" as a token: neither runs.
        { ["sync", "--workspace", "1", "--token=", Sentinel], "error: --token needs a value after '='" },
        { ["sync", "--workspace", "1", "--token:" + Sentinel], "error: --token takes its value after a space or '=', not ':'" },
        { ["sync", "--workspace", "1", "--token", Sentinel, "--token", "t0ken-two"], "error: --token is given more than once" },
        { ["sync", "--workspace", "1", "--token", "t0ken-one", Sentinel], "error: sync takes options only, but argument 6 is not one (not shown, in case it is a secret)" },
        { ["sync", "--workspace", "1", "--tokn", Sentinel], "error: sync does not take --tokn" },
        { ["sync", "--workspace", "1", "--Token", Sentinel], "error: sync does not take the option at argument 4" },
        { [Sentinel, "sync", "--workspace", "1"], "error: unknown command argument 1 (commands: demo, sync, visible, check, explain, search, export, purge, changes, serve, help)" },
        { ["[" + Sentinel + "]", "sync"], "error: argument 1 is not a directive this tool knows (it knows [suggest])" },
        { ["[diagram]", "sync", "--workspace", "1", "--token", Sentinel], "error: argument 1 is not a directive this tool knows (it knows [suggest])" },
        // Response files are off: the file is never read, and its name is not quoted.
        { ["sync", "--workspace", "1", "@" + Sentinel], "error: sync takes options only, but argument 4 is not one (not shown, in case it is a secret)" },
        { ["search", "--user", Sentinel, "plan"], "error: --user takes a user gid (digits) or an email address" },
    };

    [Theory]
    [MemberData(nameof(SecretsThroughTheParser))]
    public async Task MistypedTokens_AreUsageErrors_ThatNeverQuoteThem(string[] args, string error)
    {
        var run = await Cli.RunAsync(args);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stdout.Should().BeEmpty();
        run.StderrLines.Should().ContainSingle().Which.Should().Be(error);
    }

    [Fact]
    public async Task HelpAfterAToken_PrintsHelp_WithoutTheToken()
    {
        var run = await Cli.RunAsync("sync", "--token", Sentinel, "--help", Sentinel);

        run.ExitCode.Should().Be(0);
        (run.Stdout + run.Stderr).Should().NotContain("SENTINEL");
    }

    [Fact]
    public async Task AStrayWord_IsNamedByItsOwnPosition_EvenWhenAnOptionHasTheSameValue()
    {
        var run = await Cli.RunAsync("check", "--user", "1", "--ticket", "1", "1");

        run.StderrLines.Should().ContainSingle().Which.Should().Contain("argument 6");
        (await Cli.RunAsync("check", "--user=1", "1", "--ticket", "1")).StderrLines.Should().ContainSingle().Which.Should().Contain("argument 3");
    }

    [Fact]
    public async Task AnOptionTypo_InSearchText_IsAnError_NotText()
    {
        var run = await Cli.RunAsync("search", "--user", "a@b.c", "--limt", "5", "plan");

        run.ExitCode.Should().Be(2);
        run.StderrLines.Should().ContainSingle().Which.Should().Be("error: search does not take --limt");
    }

    [Fact]
    public async Task SearchText_AfterDoubleDash_MayLookLikeAnOption()
    {
        using var temp = new TempFolder();
        var run = await Cli.RunAsync("search", "--user", "a@b.c", "--db", temp.Database, "--", "--limt");

        // Parsed as text: the command runs (and finds no store there).
        run.ExitCode.Should().Be(1, run.ToString());
        run.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: cannot open database");
    }

    [Fact]
    public void TheParsersOwnMessages_KeepNames_AndHideValues()
    {
        UsageErrors.HideValues($"Cannot parse argument '{Sentinel}' for option '--seed' of command 'demo'.")
            .Should().Be("Cannot parse argument (a value not shown) for option '--seed' of command 'demo'.");
    }
}
