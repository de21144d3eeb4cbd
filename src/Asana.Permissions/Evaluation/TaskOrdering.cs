using Asana.Permissions.Graph;

namespace Asana.Permissions.Evaluation;

/// <summary>
/// Puts task indices in ordinal gid order cheaply: every task gets its ordinal rank once (lazily, on first use), so
/// a result is ordered by sorting integers. Tasks added later are unranked and merged in by string comparison
/// until there are enough of them to make re-ranking worthwhile.
/// </summary>
internal sealed class TaskOrdering
{
    private readonly WorkspaceGraph _graph;
    private readonly Lock _rankLock = new();
    private Ranks? _ranks;

    public TaskOrdering(WorkspaceGraph graph) => _graph = graph;

    /// <summary>Called by the single writer after a task gid is interned.</summary>
    public void OnTaskInterned()
    {
        var ranks = _ranks;
        if (ranks is not null && _graph.TaskIds.Count - ranks.RankByIndex.Length > Math.Max(1024, ranks.RankByIndex.Length / 16))
        {
            _ranks = null;
        }
    }

    public string[] ToOrderedGids(List<int> tasks)
    {
        var ordered = ToOrderedIndices(tasks);
        var gids = new string[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            gids[i] = _graph.TaskIds.GidAt(ordered[i]);
        }

        return gids;
    }

    /// <summary>Every existing task, in ordinal gid order.</summary>
    public int[] ExistingInOrder()
    {
        var graph = _graph;
        var ranks = GetRanks();
        for (var task = ranks.RankByIndex.Length; task < graph.TaskIds.Count; task++)
        {
            if (graph.TaskExists(task))
            {
                // Tasks interned since ranking need merging in by gid.
                var tasks = new List<int>(graph.ExistingTaskCount);
                for (var t = 0; t < graph.TaskIds.Count; t++)
                {
                    if (graph.TaskExists(t))
                    {
                        tasks.Add(t);
                    }
                }

                return ToOrderedIndices(tasks);
            }
        }

        // Walking the ranks in order needs no sort.
        var ordered = new int[graph.ExistingTaskCount];
        var next = 0;
        foreach (var task in ranks.IndexByRank)
        {
            if (graph.TaskExists(task))
            {
                ordered[next++] = task;
            }
        }

        return ordered;
    }

    public int[] ToOrderedIndices(List<int> tasks)
    {
        var ranks = GetRanks();
        var ranked = new List<int>(tasks.Count);
        List<int>? unranked = null;
        foreach (var task in tasks)
        {
            if (task < ranks.RankByIndex.Length)
            {
                ranked.Add(ranks.RankByIndex[task]);
            }
            else
            {
                (unranked ??= []).Add(task);
            }
        }

        ranked.Sort();
        var ordered = new int[tasks.Count];
        if (unranked is null)
        {
            for (var i = 0; i < ranked.Count; i++)
            {
                ordered[i] = ranks.IndexByRank[ranked[i]];
            }

            return ordered;
        }

        var ids = _graph.TaskIds;
        unranked.Sort((a, b) => string.CompareOrdinal(ids.GidAt(a), ids.GidAt(b)));
        int r = 0, u = 0, next = 0;
        while (r < ranked.Count || u < unranked.Count)
        {
            if (r < ranked.Count
                && (u == unranked.Count || string.CompareOrdinal(ids.GidAt(ranks.IndexByRank[ranked[r]]), ids.GidAt(unranked[u])) < 0))
            {
                ordered[next++] = ranks.IndexByRank[ranked[r++]];
            }
            else
            {
                ordered[next++] = unranked[u++];
            }
        }

        return ordered;
    }

    private Ranks GetRanks()
    {
        var ranks = Volatile.Read(ref _ranks);
        if (ranks is not null)
        {
            return ranks;
        }

        lock (_rankLock)
        {
            if (_ranks is null)
            {
                var count = _graph.TaskIds.Count;
                var indexByRank = new int[count];
                for (var i = 0; i < count; i++)
                {
                    indexByRank[i] = i;
                }

                if (!TrySortDigitGids(indexByRank))
                {
                    var keys = new string[count];
                    for (var i = 0; i < count; i++)
                    {
                        keys[i] = _graph.TaskIds.GidAt(i);
                    }

                    Array.Sort(keys, indexByRank, StringComparer.Ordinal);
                }

                var rankByIndex = new int[count];
                for (var rank = 0; rank < count; rank++)
                {
                    rankByIndex[indexByRank[rank]] = rank;
                }

                Volatile.Write(ref _ranks, new Ranks(rankByIndex, indexByRank));
            }

            return _ranks!;
        }
    }

    /// <summary>
    /// Sorts task indices by ordinal gid when every gid is 1 to 19 ASCII digits (as Asana's are), through integer
    /// keys: a gid right-padded with zeros to 19 digits, read as a number, orders exactly as the gid does, except that
    /// a gid and the same gid with trailing zeros tie; of those the shorter comes first, as it is a prefix.
    /// </summary>
    /// <returns>False, having changed nothing, when some gid is not of that form.</returns>
    private bool TrySortDigitGids(int[] indices)
    {
        var ids = _graph.TaskIds;
        var keys = new ulong[indices.Length];
        var sorted = true;
        for (var i = 0; i < indices.Length; i++)
        {
            if (!TryDigitKey(ids.GidAt(indices[i]), out keys[i]))
            {
                return false;
            }

            sorted &= i == 0 || keys[i - 1] <= keys[i];
        }

        if (!sorted)
        {
            Array.Sort(keys, indices);
        }

        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                indices.AsSpan(start, end - start).Sort((a, b) => ids.GidAt(a).Length.CompareTo(ids.GidAt(b).Length));
            }

            start = end;
        }

        return true;
    }

    private static bool TryDigitKey(string gid, out ulong key)
    {
        key = 0;
        if (gid.Length is 0 or > 19)
        {
            return false;
        }

        foreach (var c in gid)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            key = (key * 10) + digit;
        }

        for (var i = gid.Length; i < 19; i++)
        {
            key *= 10;
        }

        return true;
    }

    private sealed record Ranks(int[] RankByIndex, int[] IndexByRank);
}
