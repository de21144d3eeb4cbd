using System.Diagnostics;
using Asana.Client;
using Asana.Simulator;
using Asana.Sync;
using Asana.Sync.Sqlite;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Data.Sqlite;

namespace Asana.Benchmarks.Sync;

/// <summary>
/// A host catching up on the change feed from no cursor: every ticket and collection of the simulator's large
/// organization (~50,000 tasks and subtasks) read in pages of 1,000 from a SQLite store synced once in the setup.
/// Prints the rate in tickets per second (goal: at least 20,000/s).
/// Run: dotnet run -c Release --project tests/Asana.Benchmarks -- --filter '*ChangeFeedBenchmarks*'
/// </summary>
[Config(typeof(FewRunsConfig))]
public class ChangeFeedBenchmarks
{
    private const int PageSize = 1_000;

    /// <summary>In-process, a few iterations: one catch-up reads the whole store, not a micro-benchmark.</summary>
    private sealed class FewRunsConfig : ManualConfig
    {
        public FewRunsConfig() => AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(1).WithIterationCount(5).WithId("FewRunsInProcess"));
    }

    private string _folder = null!;
    private SqlitePermissionStore _store = null!;
    private string _workspaceGid = null!;

    [GlobalSetup]
    public void Setup()
    {
        var org = SimulatedOrganization.Generate(42, OrganizationShape.Large);
        var sim = SimulatedAsana.StartAsync(org).GetAwaiter().GetResult();
        using var client = AsanaClient.Create(new AsanaClientOptions
        {
            BaseAddress = sim.BaseAddress,
            AccessToken = sim.AccessToken,
            RequestsPerMinute = 1_000_000,
            MaxConcurrentRequests = 50,
        });
        _folder = Path.Combine(Path.GetTempPath(), "asana-feed-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _store = new SqlitePermissionStore(Path.Combine(_folder, "store.db"));
        _workspaceGid = org.WorkspaceGid;
        new AsanaSyncEngine(client, _store, new AsanaSyncOptions { MaxParallelism = 32 }).SyncAsync(_workspaceGid, SyncMode.Full).GetAwaiter().GetResult();
        sim.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine($"// organization: {org.TaskCount} tasks and subtasks");
    }

    [Benchmark]
    public async Task<int> CatchUpFromNoCursor()
    {
        var stopwatch = Stopwatch.StartNew();
        string? cursor = null;
        var tickets = 0;
        var changes = 0;
        bool more;
        do
        {
            var page = await _store.GetChangesAsync(_workspaceGid, cursor, PageSize);
            changes += page.Changes.Count;
            tickets += page.Changes.Count(c => c.Kind == Asana.Sync.Storage.ChangeKind.Ticket);
            cursor = page.NextCursor;
            more = page.HasMore;
        }
        while (more);

        stopwatch.Stop();
        Console.WriteLine($"// catch-up: {changes} changes ({tickets} tickets) in {stopwatch.Elapsed.TotalSeconds:F2} s = {tickets / stopwatch.Elapsed.TotalSeconds:F0} tickets/s");
        return changes;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
