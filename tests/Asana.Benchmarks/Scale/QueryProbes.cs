using System.Diagnostics;

namespace Asana.Benchmarks.Scale;

/// <summary>Times a store's <see cref="StoreProbe"/> after the sync, warm, one call at a time, on seeded random inputs.</summary>
internal static class QueryProbes
{
    public static async Task<ScaleFigures> RunAsync(ScaleFigures figures, StoreProbe probe, ProbeInputs inputs, ScaleOptions options)
    {
        var ct = CancellationToken.None;
        figures = figures with { Binding = probe.Binding };
        var random = new Random(options.Seed);
        string User() => inputs.ActiveUsers[random.Next(inputs.ActiveUsers.Count)];

        if (probe.CheckAsync is { } check)
        {
            // The first call pays for warming (connections, caches); timed apart.
            var first = Stopwatch.StartNew();
            await check(User(), inputs.Tickets[0], ct);
            var firstTime = first.Elapsed;
            for (var i = 0; i < 200; i++)
            {
                await check(User(), inputs.Tickets[random.Next(inputs.Tickets.Count)], ct);
            }

            var samples = new List<TimeSpan>(options.Checks);
            var allowed = 0;
            for (var i = 0; i < options.Checks; i++)
            {
                var (user, ticket) = (User(), inputs.Tickets[random.Next(inputs.Tickets.Count)]);
                var watch = Stopwatch.StartNew();
                allowed += await check(user, ticket, ct) ? 1 : 0;
                samples.Add(watch.Elapsed);
            }

            figures = figures with { Check = LatencySummary.Of(samples), CheckFirst = firstTime, CheckAllowedShare = (double)allowed / options.Checks };
            Console.WriteLine($"// {figures.Store}: check p50 {Ms(figures.Check.P50)} p99 {Ms(figures.Check.P99)} max {Ms(figures.Check.Max)} over {options.Checks} (first call {Ms(firstTime)}; {figures.CheckAllowedShare:P0} allowed)");
        }

        if (probe.VisibleAsync is { } visible)
        {
            var users = Enumerable.Range(0, options.VisibleUsers).Select(_ => User()).Distinct(StringComparer.Ordinal).ToList();
            await visible(users[0], ct);
            var samples = new List<TimeSpan>();
            var counts = new List<(int Count, TimeSpan Time)>();
            foreach (var user in users)
            {
                var watch = Stopwatch.StartNew();
                var count = await visible(user, ct);
                samples.Add(watch.Elapsed);
                counts.Add((count, watch.Elapsed));
            }

            var most = counts.MaxBy(c => c.Count);
            var median = counts.OrderBy(c => c.Count).ElementAt(counts.Count / 2);
            figures = figures with { Visible = LatencySummary.Of(samples), VisibleMaxCount = most.Count, VisibleMaxTime = most.Time, VisibleMedianCount = median.Count };
            Console.WriteLine($"// {figures.Store}: visible over {users.Count} random users p50 {Ms(figures.Visible.P50)} max {Ms(figures.Visible.Max)}; the one who sees most: {most.Count} tickets in {Ms(most.Time)}; median user sees {median.Count}");
        }

        if (probe.SearchAsync is { } search)
        {
            for (var i = 0; i < 20; i++)
            {
                await search(User(), inputs.Words[random.Next(inputs.Words.Count)], ct);
            }

            var samples = new List<TimeSpan>(options.Searches);
            long hits = 0;
            for (var i = 0; i < options.Searches; i++)
            {
                var (user, word) = (User(), inputs.Words[random.Next(inputs.Words.Count)]);
                var watch = Stopwatch.StartNew();
                hits += await search(user, word, ct);
                samples.Add(watch.Elapsed);
            }

            figures = figures with { Search = LatencySummary.Of(samples), SearchMeanHits = (double)hits / options.Searches };
            Console.WriteLine($"// {figures.Store}: search p50 {Ms(figures.Search.P50)} p99 {Ms(figures.Search.P99)} max {Ms(figures.Search.Max)} over {options.Searches} one-word queries ({figures.SearchMeanHits:F1} hits on average, limit 20)");
        }

        if (probe.FeedPageAsync is { } page)
        {
            var watch = Stopwatch.StartNew();
            long tickets = 0;
            string? cursor = null;
            do
            {
                (var count, cursor) = await page(cursor, 1000, ct);
                tickets += count;
            }
            while (cursor is not null);

            figures = figures with { FeedTicketsPerSecond = tickets / watch.Elapsed.TotalSeconds };
            Console.WriteLine($"// {figures.Store}: change feed caught up {tickets} tickets at {figures.FeedTicketsPerSecond:F0}/s");
        }

        return figures;
    }

    internal static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString(time.TotalMilliseconds < 10 ? "F2" : "F0", System.Globalization.CultureInfo.InvariantCulture) + " ms";
}
