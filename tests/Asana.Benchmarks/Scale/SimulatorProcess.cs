using System.Diagnostics;
using System.Reflection;

namespace Asana.Benchmarks.Scale;

/// <summary>
/// This benchmark started again as <c>simulator-child</c>: the simulated organization served from another process, so
/// the sync's CPU time and memory are measured alone. Disposing it closes its input, which stops it.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SimulatorProcess(Process process, string readyLine)
    {
        _process = process;
        ReadyLine = readyLine;
        var parts = readyLine.Split(' ');
        BaseAddress = new Uri(parts[0]);
        WorkspaceGid = parts.Single(p => p.StartsWith("workspace=", StringComparison.Ordinal))["workspace=".Length..];
    }

    public int Pid => _process.Id;

    /// <summary>What the child reported when ready (base address, counts, generation time and memory).</summary>
    public string ReadyLine { get; }

    public Uri BaseAddress { get; }

    public string WorkspaceGid { get; }

    public static async Task<SimulatorProcess> StartAsync(int tasks, int seed)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            // Run as "dotnet Asana.Benchmarks.dll": the child needs the assembly named too.
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add(SimulatorChild.Verb);
        start.ArgumentList.Add(tasks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("The simulator child did not start.");
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(SimulatorChild.ReadyPrefix, StringComparison.Ordinal))
            {
                return new SimulatorProcess(process, line[SimulatorChild.ReadyPrefix.Length..]);
            }

            Console.WriteLine($"// simulator: {line}");
        }

        await process.WaitForExitAsync();
        throw new InvalidOperationException($"The simulator child exited ({process.ExitCode}) before it was ready.");
    }

    /// <summary>The child's CPU time so far.</summary>
    public TimeSpan Cpu()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Stops the child; returns its last report (requests served, CPU time, peak working set).</summary>
    public async Task<string> StopAsync()
    {
        if (_process.HasExited)
        {
            return "(already exited)";
        }

        await _process.StandardInput.WriteLineAsync("stop");
        await _process.StandardInput.FlushAsync();
        string? stats = null;
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(SimulatorChild.StatsPrefix, StringComparison.Ordinal))
            {
                stats = line[SimulatorChild.StatsPrefix.Length..];
            }
        }

        await _process.WaitForExitAsync();
        return stats ?? "(no report)";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
