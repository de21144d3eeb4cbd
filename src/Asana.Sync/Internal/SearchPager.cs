using Asana.Client.Models;

namespace Asana.Sync.Internal;

/// <summary>
/// Pages Asana's task search, which has no offsets: results sorted by <c>created_at</c> ascending, each next page asked
/// for with <c>created_at.after</c>. Tasks created in the same millisecond can straddle a page boundary, so the next page
/// starts one millisecond before the last instant seen (re-reading that instant) and results are de-duplicated by gid.
/// A page that holds nothing but one instant (more tasks created in one millisecond than fit in a page) is stepped past,
/// and the outcome says so. A short page ends the search.
/// </summary>
internal static class SearchPager
{
    /// <summary>Asana's maximum search page size.</summary>
    public const int PageSize = 100;

    /// <summary>
    /// Runs the search to the end. <paramref name="fetch"/> gets the <c>created_at.after</c> cursor (null for the first
    /// page) and returns a page, or null when search is not available (402). <paramref name="onTask"/> sees each task once.
    /// </summary>
    public static async Task<SearchOutcome> PageAsync(
        Func<DateTimeOffset?, Task<IReadOnlyList<AsanaTask>?>> fetch,
        Action<AsanaTask> onTask,
        int pageSize,
        CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? cursor = null;
        var pages = 0;
        var skippedTies = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetch(cursor);
            pages++;
            if (page is null)
            {
                // 402 on the first page: not available. Later (plan downgraded mid-sync): what was read stands.
                return new SearchOutcome(pages > 1, pages, seen.Count, Complete: false, skippedTies);
            }

            DateTimeOffset? last = null;
            foreach (var task in page)
            {
                if (seen.Add(task.Gid))
                {
                    onTask(task);
                }

                if (task.CreatedAt is { } created && (last is null || created > last))
                {
                    last = created;
                }
            }

            if (page.Count < pageSize)
            {
                return new SearchOutcome(true, pages, seen.Count, Complete: true, skippedTies);
            }

            if (last is not { } lastCreated)
            {
                // A full page without created_at cannot be paged further.
                return new SearchOutcome(true, pages, seen.Count, Complete: false, skippedTies);
            }

            var next = lastCreated.AddMilliseconds(-1);
            if (cursor is { } previous && next <= previous)
            {
                if (lastCreated <= previous)
                {
                    // The server ignored the cursor: stop rather than loop.
                    return new SearchOutcome(true, pages, seen.Count, Complete: false, skippedTies);
                }

                next = lastCreated;
                skippedTies = true;
            }

            cursor = next;
        }
    }
}

/// <summary>How a search went.</summary>
/// <param name="Available">False when the first page answered 402 (search is not available to the token).</param>
/// <param name="Pages">Requests made.</param>
/// <param name="Distinct">Distinct tasks returned.</param>
/// <param name="Complete">Whether the search ran to a short page (false: stopped early, some tasks may be missing).</param>
/// <param name="SkippedTies">Whether more tasks shared one creation instant than fit in a page, so some of them may be missing.</param>
internal sealed record SearchOutcome(bool Available, int Pages, int Distinct, bool Complete, bool SkippedTies);
