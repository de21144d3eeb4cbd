using System.Diagnostics;

namespace Asana.Benchmarks.Scale;

/// <summary>Wall and process CPU time of each sync phase (the engine's activities "asana.sync.tasks", "asana.sync.store", ...).</summary>
internal sealed class PhaseListener : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)> _phases = new(StringComparer.Ordinal);

    public PhaseListener()
    {
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
    }

    public void Clear()
    {
        lock (_phases)
        {
            _phases.Clear();
        }
    }

    public IReadOnlyDictionary<string, (TimeSpan Wall, TimeSpan Cpu)> Snapshot()
    {
        lock (_phases)
        {
            return new Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)>(_phases, StringComparer.Ordinal);
        }
    }

    public void Dispose() => _listener.Dispose();
}
