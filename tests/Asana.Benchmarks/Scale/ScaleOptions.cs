using System.Globalization;

namespace Asana.Benchmarks.Scale;

/// <summary>The scale command's arguments (see <see cref="ScaleCommand"/>).</summary>
internal sealed record ScaleOptions(int Tasks, IReadOnlySet<string> Stores, int Seed, int Checks, int Searches, int VisibleUsers, string? Folder, bool Keep)
{
    public static ScaleOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--keep")
            {
                keep = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: scale [--tasks N] [--store sqlite|postgresql|both] [--seed S] [--checks N] [--searches N] [--visible-users N] [--folder DIR] [--keep]");
            }
        }

        int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
        var store = values.GetValueOrDefault("store", "both");
        IReadOnlySet<string> stores = store switch
        {
            "both" => new HashSet<string>(["sqlite", "postgresql"], StringComparer.Ordinal),
            "sqlite" or "postgresql" => new HashSet<string>([store], StringComparer.Ordinal),
            _ => throw new ArgumentException($"--store must be sqlite, postgresql or both, not '{store}'."),
        };
        return new ScaleOptions(Int("tasks", 1_000_000), stores, Int("seed", 42), Int("checks", 10_000), Int("searches", 1_000), Int("visible-users", 40), values.GetValueOrDefault("folder"), keep);
    }
}
