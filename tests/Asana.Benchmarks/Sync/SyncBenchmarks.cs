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
/// A full sync of the simulator's large organization (~50,000 tasks and subtasks, ~1,100 users, 250 projects) into a
/// SQLite file, over loopback with the real client. Prints the requests by kind against the §3 floor.
/// Run: dotnet run -c Release --project tests/Asana.Benchmarks -- --filter '*SyncBenchmarks*'
/// </summary>
[Config(typeof(OneShotConfig))]
public class SyncBenchmarks
{
    /// <summary>One cold run in-process: a full sync of 50,000 tasks is the measurement, not a micro-benchmark.</summary>
    private sealed class OneShotConfig : ManualConfig
    {
        public OneShotConfig() => AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(0).WithId("OneShotInProcess"));
    }

    private SimulatedAsana _sim = null!;
    private AsanaClient _client = null!;
    private string _folder = null!;
    private int _run;

    private readonly Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)> _phases = new(StringComparer.Ordinal);
    private ActivityListener? _listener;

    [GlobalSetup]
    public void Setup()
    {
        // The sync's phases are activities ("asana.sync.tasks", "asana.sync.store", ...): time each one, wall and process
        // CPU. The simulator shares the process, but it is idle while the store phase runs.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Asana.Sync",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity => activity.SetCustomProperty("cpu", Process.GetCurrentProcess().TotalProcessorTime),
            ActivityStopped = activity =>
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - (TimeSpan)activity.GetCustomProperty("cpu")!;
                lock (_phases)
                {
                    _phases[activity.OperationName] = (activity.Duration, cpu);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);

        var org = SimulatedOrganization.Generate(42, OrganizationShape.Large);
        _sim = SimulatedAsana.StartAsync(org).GetAwaiter().GetResult();
        // Loopback: lift the client's per-minute pacing so the benchmark measures our overhead, not Asana's quota.
        _client = AsanaClient.Create(new AsanaClientOptions
        {
            BaseAddress = _sim.BaseAddress,
            AccessToken = _sim.AccessToken,
            RequestsPerMinute = 1_000_000,
            MaxConcurrentRequests = 50,
        });
        _folder = Path.Combine(Path.GetTempPath(), "asana-sync-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Console.WriteLine($"// organization: {org.TaskCount} tasks and subtasks");
    }

    [Benchmark]
    public async Task<SyncResult> FullSyncLargeOrganization()
    {
        using var store = new SqlitePermissionStore(Path.Combine(_folder, $"run{_run++}.db"));
        var engine = new AsanaSyncEngine(_client, store, new AsanaSyncOptions { MaxParallelism = 32 });
        _sim.Requests.Reset();
        var stopwatch = Stopwatch.StartNew();
        var result = await engine.SyncAsync(_sim.Organization.WorkspaceGid, SyncMode.Full);
        stopwatch.Stop();
        Console.WriteLine($"// full sync: {stopwatch.Elapsed.TotalSeconds:F1} s, {result.Tickets} tickets, {result.Calls.Total} requests ({result.Calls.Pages} pages, {result.Calls.Failed} failed); simulator saw {_sim.Requests.Total} ({_sim.Requests.TotalRejected} rejected/retried)");
        foreach (var (kind, count) in result.Calls.ByKind)
        {
            Console.WriteLine($"//   {kind,-22} {count,7}");
        }

        var full = PrintPhases("full sync");
        var floor = result.Floor!;
        Console.WriteLine($"// floor §3: {floor.Section3}; with contract terms (workspace, memberships, events token per project, assigned tasks per active user): {floor.WithContractTerms}");
        Console.WriteLine($"// requests / floor: {(double)result.Calls.Total / floor.WithContractTerms:P1} of the contract floor, {(double)result.Calls.Total / floor.Section3:P1} of §3");
        Console.WriteLine($"// at Asana's paid quota (1,500/min) this sync needs >= {result.Calls.Total / 25.0:F0} s steady-state; free tier {result.Calls.Total / 2.5 / 60:F0} min");

        // A handful of changes, then an incremental sync (not part of the measured time's meaning, printed for the record).
        var org = _sim.Organization;
        var projects = org.GetProjectGids();
        var users = org.GetUserGids();
        org.AddTask(projects[0], "Benchmark change", assigneeGid: users[1]);
        var first = org.GetProjectTaskGids(projects[1])[0];
        org.MoveTask(first, projects[1], projects[2]);
        org.DeleteTask(org.GetProjectTaskGids(projects[3])[0]);
        org.SetProjectPrivacy(projects[4], Asana.Permissions.Sources.PrivacySettings.Private);
        var incrementalWatch = Stopwatch.StartNew();
        var incremental = await engine.SyncAsync(org.WorkspaceGid, SyncMode.Auto);
        Console.WriteLine($"// incremental sync after 4 changes: {incrementalWatch.Elapsed.TotalSeconds:F1} s, {incremental.Calls.Total} requests ({(double)incremental.Calls.Total / result.Calls.Total:P1} of the full sync), written {incremental.TicketsWritten}, deleted {incremental.TicketsDeleted}");
        foreach (var (kind, count) in incremental.Calls.ByKind)
        {
            Console.WriteLine($"//   {kind,-22} {count,7}");
        }

        var incrementalPhases = PrintPhases("incremental sync");
        var (fullStore, incrementalStore) = (full["asana.sync.store"], incrementalPhases["asana.sync.store"]);
        Console.WriteLine($"// incremental commit / full commit: wall {incrementalStore.Wall / fullStore.Wall:P1}, CPU {incrementalStore.Cpu / fullStore.Cpu:P1} (goal <= 10%); rows written {incremental.TicketsWritten + incremental.TicketsDeleted} of {result.TicketsWritten}");

        return result;
    }

    private Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)> PrintPhases(string title)
    {
        Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)> phases;
        lock (_phases)
        {
            phases = new Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)>(_phases, StringComparer.Ordinal);
            _phases.Clear();
        }

        foreach (var (name, (wall, cpu)) in phases.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"// {title} phase {name,-24} wall {wall.TotalMilliseconds,8:F0} ms   CPU {cpu.TotalMilliseconds,8:F0} ms");
        }

        return phases;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener?.Dispose();
        _client.Dispose();
        _sim.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
