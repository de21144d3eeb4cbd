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
                var keys = new string[count];
                var indexByRank = new int[count];
                for (var i = 0; i < count; i++)
                {
                    keys[i] = _graph.TaskIds.GidAt(i);
                    indexByRank[i] = i;
                }

                Array.Sort(keys, indexByRank, StringComparer.Ordinal);
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

    private sealed record Ranks(int[] RankByIndex, int[] IndexByRank);
}
