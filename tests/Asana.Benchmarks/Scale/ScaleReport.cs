using System.Text;

namespace Asana.Benchmarks.Scale;

/// <summary>The scale run as a markdown table: one row per figure, its goal, one column per store.</summary>
internal static class ScaleReport
{
    public static string Markdown(ScaleOptions options, string machine, string simulator, IReadOnlyList<ScaleFigures> columns)
    {
        var text = new StringBuilder();
        text.AppendLine($"Scale run: --tasks {options.Tasks}, seed {options.Seed}. Machine: {machine}.");
        text.AppendLine($"Simulator (child process): {simulator}");
        text.AppendLine();
        text.AppendLine("| figure | goal | " + string.Join(" | ", columns.Select(c => c.Store)) + " |");
        text.AppendLine("|---|---|" + string.Concat(columns.Select(_ => "---|")));
        void Row(string figure, string goal, Func<ScaleFigures, string> value) =>
            text.AppendLine($"| {figure} | {goal} | " + string.Join(" | ", columns.Select(value)) + " |");
        string Ms(TimeSpan? t) => t is { } v ? QueryProbes.Ms(v) : "not bound";
        string Mb(long b) => ScaleCommand.Mb(b);

        Row("tickets synced / requests", "", c => $"{c.Tickets:N0} / {c.Requests:N0}");
        Row("full sync wall", "", c => $"{c.Wall.TotalMinutes:F1} min");
        Row("full sync CPU (sync process)", "≤ 10 min", c => $"{c.Cpu.TotalMinutes:F1} min");
        Row("peak working set (sync process)", "≤ 4 GB", c => $"{Mb(c.PeakWorkingSet)}{(c.PeakIsPerPhase ? "" : " (process lifetime)")}");
        Row("allocated / GC gen0/1/2", "", c => $"{Mb(c.Allocated)} / {c.Collections}");
        Row("CPU elsewhere: simulator / PostgreSQL server", "", c => $"{c.SimulatorCpu.TotalMinutes:F1} min / {(c.ServerCpu is { } s ? $"{s.TotalMinutes:F1} min" : "–")}");
        Row("store size", "report", c => Mb(c.StoreBytes));
        Row("`check` p50 / p99 (warm)", "p99 ≤ 2 ms (PostgreSQL)", c => c.Check is { } k ? $"{Ms(k.P50)} / {Ms(k.P99)}" : "not bound");
        Row("`check` first call (cold)", "", c => Ms(c.CheckFirst));
        Row("`visible`, user who sees most (of sample)", "≤ 200 ms for 100k", c => c.Visible is null ? "not bound" : $"{Ms(c.VisibleMaxTime)} for {c.VisibleMaxCount:N0}");
        Row("`visible` p50 (random users)", "", c => c.Visible is { } v ? $"{Ms(v.P50)} (median user sees {c.VisibleMedianCount:N0})" : "not bound");
        Row("search p50 / p99", "p99 ≤ 50 ms", c => c.Search is { } s ? $"{Ms(s.P50)} / {Ms(s.P99)}" : "not bound");
        Row("change feed catch-up", "≥ 20k tickets/s", c => c.FeedTicketsPerSecond is { } f ? $"{f:N0} tickets/s" : "not bound");
        text.AppendLine();
        foreach (var c in columns)
        {
            text.AppendLine($"- {c.Store}: store {c.StoreDetail}; queries: {c.Binding}; sync phases: " +
                string.Join(", ", c.Phases.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value.Wall.TotalSeconds:F0} s wall / {p.Value.Cpu.TotalSeconds:F0} s CPU")));
        }

        return text.ToString();
    }
}
