using Asana.Permissions.Sources;
using Asana.Simulator;

namespace Asana.Permissions.Console.Commands;

/// <summary>Compares the store's visibility with the simulator's oracle.</summary>
internal static class GroundTruth
{
    public sealed record Comparison(List<string> OverGrants, List<string> UnderGrants, long VisiblePairs);

    /// <summary>
    /// Tasks a token without premium search cannot discover through Asana's API: project-less top-level tasks with no
    /// active assignee (only followed), and their subtasks. The sync engine documents this limit: they are missing
    /// (denied), never over-granted. With workspace search (premium) there is no such set: compare everything.
    /// </summary>
    public static HashSet<string> Undiscoverable(WorkspaceData data) => [.. SimulatedOrganization.UndiscoverableWithoutSearch(data)];

    /// <summary>Every (user, task) pair where the store and the oracle disagree (undiscoverable tasks aside).</summary>
    public static Comparison Compare(
        IReadOnlyDictionary<string, IReadOnlySet<string>> expected,
        IReadOnlyDictionary<string, IReadOnlyList<string>> actual,
        IReadOnlySet<string> undiscoverable)
    {
        var over = new List<string>();
        var under = new List<string>();
        long pairs = 0;
        foreach (var (user, visible) in expected)
        {
            var got = actual.TryGetValue(user, out var list) ? list.ToHashSet(StringComparer.Ordinal) : [];
            pairs += visible.Count;
            over.AddRange(got.Where(t => !visible.Contains(t)).Select(t => $"user {user} -> task {t}"));
            under.AddRange(visible.Where(t => !got.Contains(t) && !undiscoverable.Contains(t)).Select(t => $"user {user} -> task {t}"));
        }

        over.AddRange(actual.Where(p => !expected.ContainsKey(p.Key) && p.Value.Count > 0).Select(p => $"user {p.Key} (unknown to Asana) -> {p.Value.Count} tasks"));
        return new Comparison(over, under, pairs);
    }
}
