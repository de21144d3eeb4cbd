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
        var ranks = GetRanks();
        var ranked = new List<int>(tasks.Count);
        List<string>? unranked = null;
        foreach (var task in tasks)
        {
            if (task < ranks.RankByIndex.Length)
            {
                ranked.Add(ranks.RankByIndex[task]);
            }
            else
            {
                (unranked ??= []).Add(_graph.TaskIds.GidAt(task));
            }
        }

        ranked.Sort();
        var gids = new string[tasks.Count];
        if (unranked is null)
        {
            for (var i = 0; i < ranked.Count; i++)
            {
                gids[i] = _graph.TaskIds.GidAt(ranks.IndexByRank[ranked[i]]);
            }

            return gids;
        }

        unranked.Sort(StringComparer.Ordinal);
        int r = 0, u = 0, next = 0;
        while (r < ranked.Count || u < unranked.Count)
        {
            var fromRanked = r < ranked.Count ? _graph.TaskIds.GidAt(ranks.IndexByRank[ranked[r]]) : null;
            if (fromRanked is not null && (u == unranked.Count || string.CompareOrdinal(fromRanked, unranked[u]) < 0))
            {
                gids[next++] = fromRanked;
                r++;
            }
            else
            {
                gids[next++] = unranked[u++];
            }
        }

        return gids;
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
