namespace Asana.Permissions.Console.Tests;

public sealed class SyncCommandTests
{
    private const string Sentinel = "SENTINEL-PAT-0123456789abcdef";

    [Fact]
    public async Task SecondSync_IsIncremental_AndSeesChanges_FullFlagForcesFull()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        var first = await Cli.RunAsync(sim.SyncArgs(temp.Database));
        first.ExitCode.Should().Be(0, first.ToString());
        var fullRequests = sim.Server.Requests.Total;

        var data = sim.Organization.ToWorkspaceData();
        var guest = data.WorkspaceMemberships.First(m => m.IsActive && m.IsGuest).UserGid;
        var hidden = data.Tasks.First(t => t.ParentGid is null && t.Memberships.Count > 0 && !sim.Expected()[guest].Contains(t.Gid)).Gid;
        sim.Organization.AddFollower(hidden, guest);
        sim.Server.Requests.Reset();

        var second = await Cli.RunAsync(sim.SyncArgs(temp.Database));
        second.ExitCode.Should().Be(0, second.ToString());
        second.Stderr.Should().Contain("incremental");
        sim.Server.Requests.Total.Should().BeLessThan(fullRequests);

        var check = await Cli.RunAsync("check", "--user", guest, "--ticket", hidden, "--db", temp.Database);
        using (var json = check.Json())
        {
            json.RootElement.GetProperty("allowed").GetBoolean().Should().BeTrue(check.ToString());
        }

        var third = await Cli.RunAsync(sim.SyncArgs(temp.Database, null, "--full"));
        third.ExitCode.Should().Be(0, third.ToString());
        third.Stderr.Should().Contain("full").And.NotContain("incremental");
    }

    [Fact]
    public async Task Sync_WithoutPremiumSearch_PrintsTheWarning()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();

        var run = await Cli.RunAsync(sim.SyncArgs(temp.Database));

        run.ExitCode.Should().Be(0, run.ToString());
        run.StderrLines.Should().Contain(l => l.StartsWith($"warning: task_search_unavailable {sim.Workspace}: ", StringComparison.Ordinal), run.ToString());
        run.Stderr.Should().NotContain(sim.Server.AccessToken);
    }

    [Fact]
    public async Task BaseUrlWithoutApiRoot_IsAUsageError_NamingTheExpectedForm()
    {
        var run = await Cli.RunAsync("sync", "--workspace", "1", "--base-url", "https://app.asana.com", "--token", Sentinel);

        run.ExitCode.Should().Be(2, run.ToString());
        run.StderrLines.Should().ContainSingle().Which.Should().Contain("/api/1.0").And.Contain("https://app.asana.com/api/1.0");
        run.Stderr.Should().NotContain(Sentinel);
    }

    [Fact]
    public async Task TokenFromEnvironment_IsUsed()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        var env = new Dictionary<string, string> { ["ASANA_TOKEN"] = sim.Server.AccessToken };
        var run = await Cli.RunAsync(env, "sync", "--workspace", sim.Workspace, "--base-url", sim.Server.BaseAddress.ToString(), "--db", temp.Database, "--requests-per-minute", "100000");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stderr.Should().NotContain(sim.Server.AccessToken);
    }

    [Fact]
    public async Task WrongToken_FailsInOneLine_WithoutTheToken_AndLeavesTheStoreUnchanged()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);
        var before = (await Cli.RunAsync("export", "--db", temp.Database)).Stdout;
        sim.Organization.AddProjectlessTask("Something new", sim.Organization.GetUserGids()[0]);

        var viaOption = await Cli.RunAsync(sim.SyncArgs(temp.Database, Sentinel, "--full"));
        var viaEnvironment = await Cli.RunAsync(
            new Dictionary<string, string> { ["ASANA_TOKEN"] = Sentinel },
            "sync", "--workspace", sim.Workspace, "--base-url", sim.Server.BaseAddress.ToString(), "--db", temp.Database);

        foreach (var run in new[] { viaOption, viaEnvironment })
        {
            run.ExitCode.Should().Be(1, run.ToString());
            run.Stdout.Should().BeEmpty();
            run.StderrLines.Should().ContainSingle().Which.Should().Be("error: the access token was rejected by Asana (401)");
            (run.Stdout + run.Stderr).Should().NotContain(Sentinel).And.NotContain("   at ");
        }

        (await Cli.RunAsync("export", "--db", temp.Database)).Stdout.Should().Be(before);
    }

    [Fact]
    public async Task WrongToken_Verbose_ShowsTheLibraryLogs_ButNeverTheToken_AndEndsWithTheError()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        var run = await Cli.RunAsync(sim.SyncArgs(temp.Database, Sentinel, "--verbose"));
        run.ExitCode.Should().Be(1, run.ToString());
        run.StderrLines.Length.Should().BeGreaterThan(1);
        run.StderrLines[^1].Should().Be("error: the access token was rejected by Asana (401)");
        run.Stderr.Should().NotContain(Sentinel).And.NotContain("   at ");
    }

    [Fact]
    public async Task WrongToken_OnAFirstSync_LeavesNoDatabaseBehind()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        var run = await Cli.RunAsync(sim.SyncArgs(temp.Database, Sentinel));
        run.ExitCode.Should().Be(1);
        run.StderrLines.Should().ContainSingle();
        File.Exists(temp.Database).Should().BeFalse();
    }

    [Fact]
    public async Task UnknownWorkspace_OnAsana_IsExitCode1()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        var args = sim.SyncArgs(temp.Database);
        args[Array.IndexOf(args, "--workspace") + 1] = "98765";
        var run = await Cli.RunAsync(args);
        run.ExitCode.Should().Be(1, run.ToString());
        run.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: unknown workspace 98765");
    }

    [Fact]
    public async Task UnreachableAsana_IsOneLine()
    {
        using var temp = new TempFolder();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var run = await Cli.RunAsync("sync", "--workspace", "1", "--base-url", $"http://127.0.0.1:{port}/api/1.0", "--token", Sentinel, "--db", temp.Database);
        run.ExitCode.Should().Be(1, run.ToString());
        run.StderrLines.Should().ContainSingle().Which.Should().StartWith($"error: cannot reach Asana at http://127.0.0.1:{port}/api/1.0");
        run.Stderr.Should().NotContain(Sentinel);
    }
}
