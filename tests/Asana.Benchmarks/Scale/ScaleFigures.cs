namespace Asana.Benchmarks.Scale;

/// <summary>What one store measured in a scale run (a column of the report).</summary>
/// <param name="Store">"SQLite" or "PostgreSQL".</param>
internal sealed record ScaleFigures(string Store)
{
    public int Tickets { get; init; }
    public long Requests { get; init; }
    public int Warnings { get; init; }
    public TimeSpan Wall { get; init; }
    public TimeSpan Cpu { get; init; }
    public long PeakWorkingSet { get; init; }
    public long BaselineWorkingSet { get; init; }
    public bool PeakIsPerPhase { get; init; }
    public long GcHeapAfter { get; init; }
    public long Allocated { get; init; }
    public string Collections { get; init; } = "";
    public TimeSpan SimulatorCpu { get; init; }
    public TimeSpan? ServerCpu { get; init; }
    public IReadOnlyDictionary<string, (TimeSpan Wall, TimeSpan Cpu)> Phases { get; init; } = new Dictionary<string, (TimeSpan, TimeSpan)>();
    public long StoreBytes { get; init; }
    public string StoreDetail { get; init; } = "";
    public string Binding { get; init; } = "";
    public LatencySummary? Check { get; init; }
    public TimeSpan? CheckFirst { get; init; }
    public double CheckAllowedShare { get; init; }
    public LatencySummary? Visible { get; init; }
    public int VisibleMaxCount { get; init; }
    public TimeSpan VisibleMaxTime { get; init; }
    public int VisibleMedianCount { get; init; }
    public LatencySummary? Search { get; init; }
    public double SearchMeanHits { get; init; }
    public double? FeedTicketsPerSecond { get; init; }
}

/// <summary>Latency percentiles over a run of calls.</summary>
internal sealed record LatencySummary(int Calls, TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    public static LatencySummary Of(List<TimeSpan> samples)
    {
        samples.Sort();
        TimeSpan At(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        return new LatencySummary(samples.Count, At(0.50), At(0.99), samples[^1]);
    }
}
