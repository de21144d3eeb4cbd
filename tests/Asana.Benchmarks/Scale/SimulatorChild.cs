using System.Diagnostics;
using System.Globalization;
using Asana.Simulator;

namespace Asana.Benchmarks.Scale;

/// <summary>
/// The simulator half of the scale benchmark, run in a child process so the sync's CPU time and memory are its own:
/// generates the organization, serves it on loopback, prints one <c>ready</c> line, and stops when its standard input
/// closes (or reads <c>stop</c>), printing its own CPU time and peak working set.
/// </summary>
internal static class SimulatorChild
{
    public const string Verb = "simulator-child";
    public const string ReadyPrefix = "simulator-ready ";
    public const string StatsPrefix = "simulator-stats ";

    public static async Task<int> RunAsync(string[] args)
    {
        var tasks = int.Parse(args[0], CultureInfo.InvariantCulture);
        var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 42;
        var watch = Stopwatch.StartNew();
        var org = SimulatedOrganization.Generate(seed, ScaleShape.ForTasks(tasks));
        var generation = watch.Elapsed;
        using var self = Process.GetCurrentProcess();
        GC.Collect();
        var heldBytes = GC.GetTotalMemory(forceFullCollection: true);
        // Offsets must outlive the whole crawl of a slow run; sync tokens likewise.
        await using var sim = await SimulatedAsana.StartAsync(org, new SimulatorOptions { OffsetLifetime = null, SyncTokenLifetime = null });
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ReadyPrefix}{sim.BaseAddress} workspace={org.WorkspaceGid} tasks={org.TaskCount} users={org.GetUserGids().Count} projects={org.GetProjectGids().Count} generation_s={generation.TotalSeconds:F1} generation_cpu_s={self.TotalProcessorTime.TotalSeconds:F1} heap_mb={heldBytes / 1048576} peak_ws_mb={self.PeakWorkingSet64 / 1048576}"));
        Console.Out.Flush();
        while (await Console.In.ReadLineAsync() is { } line && line != "stop")
        {
        }

        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{StatsPrefix}requests={sim.Requests.Total} rejected={sim.Requests.TotalRejected} cpu_s={self.TotalProcessorTime.TotalSeconds:F1} peak_ws_mb={self.PeakWorkingSet64 / 1048576}"));
        Console.Out.Flush();
        return 0;
    }
}
