using System.Text.Json;
using Asana.Permissions.Sources;
using Asana.Simulator;
using Microsoft.Data.Sqlite;

namespace Asana.Permissions.Console.Tests;

/// <summary>What one in-process run of the console printed and returned.</summary>
internal sealed record ConsoleRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public JsonDocument Json() => JsonDocument.Parse(Stdout);

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

internal static class Cli
{
    /// <summary>Runs the console's entry point in-process; the environment is empty unless given (no ASANA_TOKEN leaks in).</summary>
    public static async Task<ConsoleRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Program.RunAsync(args, stdout, stderr, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null);
        return new ConsoleRun(code, stdout.ToString(), stderr.ToString());
    }

    public static Task<ConsoleRun> RunAsync(params string[] args) => RunAsync(null, args);
}

/// <summary>A temp folder with a database path, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "asana-console-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Database = System.IO.Path.Combine(Path, "store.db");
    }

    public string Path { get; }

    public string Database { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A small simulated organization on loopback, and the console arguments to sync it.</summary>
internal sealed class Simulation : IAsyncDisposable
{
    private Simulation(SimulatedAsana server) => Server = server;

    public SimulatedAsana Server { get; }

    public SimulatedOrganization Organization => Server.Organization;

    public string Workspace => Organization.WorkspaceGid;

    public static async Task<Simulation> StartAsync(int seed = 3) =>
        new(await SimulatedAsana.StartAsync(SimulatedOrganization.Generate(seed, OrganizationShape.Small)));

    public string[] SyncArgs(string database, string? token = null, params string[] extra) =>
        ["sync", "--workspace", Workspace, "--base-url", Server.BaseAddress.ToString(), "--token", token ?? Server.AccessToken,
         "--db", database, "--requests-per-minute", "1000000", .. extra];

    /// <summary>The oracle's answer minus the tasks no API listing can reveal (followed-only project-less ones).</summary>
    public Dictionary<string, HashSet<string>> Expected()
    {
        var data = Organization.ToWorkspaceData();
        var hidden = Undiscoverable(data);
        return Organization.ExpectedVisibility().ToDictionary(
            p => p.Key,
            p => p.Value.Where(t => !hidden.Contains(t)).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    public static HashSet<string> Undiscoverable(WorkspaceData data) => [.. SimulatedOrganization.UndiscoverableWithoutSearch(data)];

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
