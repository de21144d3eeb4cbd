using Asana.Permissions.Sources;

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
    public static HashSet<string> Undiscoverable(WorkspaceData data)
    {
        var active = data.WorkspaceMemberships.Where(m => m.IsActive).Select(m => m.UserGid).ToHashSet(StringComparer.Ordinal);
        var found = data.Tasks
            .Where(t => t.ParentGid is null && t.Memberships.Count == 0 && (t.AssigneeGid is null || !active.Contains(t.AssigneeGid)))
            .Select(t => t.Gid).ToHashSet(StringComparer.Ordinal);
        var children = data.Tasks.Where(t => t.ParentGid is not null).ToLookup(t => t.ParentGid!, t => t.Gid, StringComparer.Ordinal);
        var stack = new Stack<string>(found);
        while (stack.Count > 0)
        {
            foreach (var child in children[stack.Pop()])
            {
                if (found.Add(child))
                {
                    stack.Push(child);
                }
            }
        }

        return found;
    }

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
