using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Asana.Client;
using Asana.Simulator;
using Asana.Sync;
using Asana.Sync.PostgreSql;
using Asana.Sync.PostgreSql.Tests;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Asana.Benchmarks.Scale;

/// <summary>
/// The scale benchmark (issue #10): a simulated organization of N tasks, served by a child process on loopback with
/// the client's pacing lifted, synced in full into SQLite and/or a throwaway PostgreSQL server, then the warm queries.
/// Prints a markdown table side by side per store and the machine. A 1M-task sync is too long for BenchmarkDotNet.
/// Run: dotnet run -c Release --project tests/Asana.Benchmarks -- scale --tasks 1000000 --store both
/// Options: --tasks N (1000000), --store sqlite|postgresql|both (both), --seed S (42), --checks N (10000),
/// --searches N (1000), --visible-users N (40), --folder DIR (temp; the SQLite file is deleted unless --keep).
/// PostgreSQL: ASANA_TEST_POSTGRES names a server (a user that may create databases); otherwise a throwaway one.
/// </summary>
internal static class ScaleCommand
{
    public const string Verb = "scale";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = ScaleOptions.Parse(args);
        var machine = MachineInfo.Describe();
        Console.WriteLine($"// machine: {machine}");
        using var listener = new PhaseListener();

        var total = Stopwatch.StartNew();
        await using var simulator = await SimulatorProcess.StartAsync(options.Tasks, options.Seed);
        Console.WriteLine($"// simulator child (pid {simulator.Pid}): {simulator.ReadyLine}");
        using var client = AsanaClient.Create(new AsanaClientOptions
        {
            BaseAddress = simulator.BaseAddress,
            AccessToken = SimulatorOptions.Default.AccessToken,
            // Loopback: lift the per-minute pacing so the run measures our overhead, not Asana's quota.
            RequestsPerMinute = 1_000_000,
            MaxConcurrentRequests = 50,
        });

        var columns = new List<ScaleFigures>();
        ProbeInputs? inputs = null;
        if (options.Stores.Contains("sqlite"))
        {
            var folder = options.Folder ?? Path.Combine(Path.GetTempPath(), "asana-scale-bench", Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "scale.db");
            try
            {
                using (var store = new SqlitePermissionStore(path))
                {
                    var figures = await SyncAsync("SQLite", store, client, simulator, listener, null);
                    figures = figures with { StoreBytes = SqliteTarget.Size(path), StoreDetail = "file + WAL" };
                    inputs ??= await SqliteTarget.InputsAsync(path, CancellationToken.None);
                    figures = await QueryProbes.RunAsync(figures, ReaderProbe.For("SqlitePermissionStore", store, store, simulator.WorkspaceGid), inputs, options);
                    columns.Add(figures);
                }

                SqliteConnection.ClearAllPools();
            }
            finally
            {
                if (!options.Keep)
                {
                    Directory.Delete(folder, recursive: true);
                }
                else
                {
                    Console.WriteLine($"// kept {path}");
                }
            }
        }

        if (options.Stores.Contains("postgresql"))
        {
            await using var server = new PostgreSqlServer();
            await server.InitializeAsync();
            var connectionString = await server.CreateDatabaseAsync();
            try
            {
                var postmaster = server.DataDirectory is { } data && File.Exists(Path.Combine(data, "postmaster.pid"))
                    ? int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), CultureInfo.InvariantCulture)
                    : (int?)null;
                await using var dataSource = NpgsqlDataSource.Create(connectionString);
                await using (var store = new PostgreSqlPermissionStore(dataSource))
                {
                    var figures = await SyncAsync("PostgreSQL", store, client, simulator, listener, postmaster);
                    var tables = await PostgreSqlTarget.TableSizesAsync(dataSource, CancellationToken.None);
                    figures = figures with
                    {
                        StoreBytes = await PostgreSqlTarget.SizeAsync(dataSource, CancellationToken.None),
                        StoreDetail = "pg_database_size; " + string.Join(", ", tables.Select(t => $"{t.Table} {Mb(t.Bytes)}")),
                    };
                    inputs ??= await PostgreSqlTarget.InputsAsync(dataSource, CancellationToken.None);
                    figures = await QueryProbes.RunAsync(figures, ReaderProbe.For("PostgreSqlPermissionStore", store, store, simulator.WorkspaceGid), inputs, options);
                    columns.Add(figures);
                }
            }
            finally
            {
                await server.DropDatabaseAsync(connectionString);
            }
        }

        var simulatorStats = await simulator.StopAsync();
        Console.WriteLine($"// simulator child at the end: {simulatorStats}");
        Console.WriteLine($"// whole run {total.Elapsed.TotalMinutes:F1} min");
        Console.WriteLine();
        Console.WriteLine(ScaleReport.Markdown(options, machine, simulator.ReadyLine, columns));
        return 0;
    }

    private static async Task<ScaleFigures> SyncAsync(string name, IPermissionStore store, AsanaClient client, SimulatorProcess simulator, PhaseListener listener, int? serverPid)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        var peakReset = ProcessStats.TryResetPeakWorkingSet();
        self.Refresh();
        var baseline = self.WorkingSet64;
        var cpu = self.TotalProcessorTime;
        var simulatorCpu = simulator.Cpu();
        var serverCpu = serverPid is { } sp ? ProcessStats.TreeCpu(sp) : null;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var gcCounts = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        listener.Clear();

        Console.WriteLine($"// {name}: full sync starting (working set {Mb(baseline)}, peak reset: {peakReset})");
        var engine = new AsanaSyncEngine(client, store, new AsanaSyncOptions { MaxParallelism = 32 });
        var watch = Stopwatch.StartNew();
        var result = await engine.SyncAsync(simulator.WorkspaceGid, SyncMode.Full);
        watch.Stop();

        self.Refresh();
        var figures = new ScaleFigures(name)
        {
            Tickets = result.Tickets,
            Requests = result.Calls.Total,
            Wall = watch.Elapsed,
            Cpu = self.TotalProcessorTime - cpu,
            PeakWorkingSet = self.PeakWorkingSet64,
            BaselineWorkingSet = baseline,
            PeakIsPerPhase = peakReset,
            GcHeapAfter = GC.GetGCMemoryInfo().HeapSizeBytes,
            Allocated = GC.GetTotalAllocatedBytes(precise: false) - allocated,
            Collections = $"{GC.CollectionCount(0) - gcCounts.Item1}/{GC.CollectionCount(1) - gcCounts.Item2}/{GC.CollectionCount(2) - gcCounts.Item3}",
            SimulatorCpu = simulator.Cpu() - simulatorCpu,
            ServerCpu = serverPid is { } pid && serverCpu is { } before ? ProcessStats.TreeCpu(pid) - before : null,
            Phases = listener.Snapshot(),
            Warnings = result.Warnings.Count,
        };
        Console.WriteLine($"// {name}: full sync {figures.Wall.TotalSeconds:F1} s wall, {figures.Cpu.TotalSeconds:F1} s CPU, peak working set {Mb(figures.PeakWorkingSet)}, {figures.Tickets} tickets, {figures.Requests} requests, {figures.Warnings} warnings; allocated {Mb(figures.Allocated)}, GC gen0/1/2 {figures.Collections}; simulator CPU {figures.SimulatorCpu.TotalSeconds:F1} s{(figures.ServerCpu is { } s ? $", PostgreSQL server CPU {s.TotalSeconds:F1} s" : "")}");
        Console.WriteLine($"//   requests by kind: {string.Join(", ", result.Calls.ByKind.Select(k => $"{k.Key} {k.Value}"))}");
        foreach (var warning in result.Warnings.Take(5))
        {
            Console.WriteLine($"//   warning: {warning}");
        }

        foreach (var (phase, (wall, phaseCpu)) in figures.Phases.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"//   phase {phase,-24} wall {wall.TotalSeconds,7:F1} s   CPU {phaseCpu.TotalSeconds,7:F1} s");
        }

        return figures;
    }

    internal static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F0} MB");
}
