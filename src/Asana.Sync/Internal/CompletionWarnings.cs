using System.Globalization;

namespace Asana.Sync.Internal;

/// <summary>
/// Warnings about a sync as a whole, added once its tasks are read and before it commits: what the options or the plan
/// left out, which no single failed request shows.
/// </summary>
internal static class CompletionWarnings
{
    /// <summary>The lookback window left no task: the store holds no tickets although the workspace has projects.</summary>
    public const string LookbackExcludesAll = "lookback_excludes_all";

    /// <summary>
    /// The workspace task search was not used (not premium: 402, remembered or answered now; or turned off), so
    /// project-less tasks with no active assignee cannot be found.
    /// </summary>
    public const string TaskSearchUnavailable = "task_search_unavailable";

    /// <summary>The existing warning for a search that failed with 400/403/404 in this run; it already says as much.</summary>
    private const string TaskSearchFailed = "task_search_failed";

    /// <summary>Adds the warnings that apply to <paramref name="run"/>.</summary>
    /// <param name="run">The run, its tasks read.</param>
    /// <param name="searchAvailableBefore">What the stored sync state knew of search (incremental syncs), else null.</param>
    public static void Add(SyncRun run, bool? searchAvailableBefore)
    {
        var options = run.Options;
        if (options.LookbackDays is { } days && run.Tasks.IsEmpty && run.Projects.Count > 0)
        {
            run.Warn(LookbackExcludesAll, run.WorkspaceGid, string.Create(
                CultureInfo.InvariantCulture,
                $"No task was modified in the last {days} days (AsanaSyncOptions.LookbackDays), so the store holds no tickets although the workspace has {run.Projects.Count} projects. Raise LookbackDays, or set it to null to read every task."));
        }

        if (!options.IncludeProjectlessTasks)
        {
            return; // project-less tasks are left out on purpose: search would only have looked for them
        }

        const string Consequence = "project-less tasks with no active assignee (only followed, or assigned to a deactivated user) cannot be found, so nobody is granted them.";
        if (!options.UseWorkspaceSearch)
        {
            run.Warn(TaskSearchUnavailable, run.WorkspaceGid, "The workspace task search is turned off (AsanaSyncOptions.UseWorkspaceSearch = false): " + Consequence);
        }
        else if (run.SearchAvailable == false && !run.Warnings.Any(w => w.Code == TaskSearchFailed))
        {
            run.Warn(TaskSearchUnavailable, run.WorkspaceGid, "Asana answered 402 to the workspace task search (a premium feature this plan or token lacks): " + Consequence);
        }
        else if (run.SearchAvailable is null && searchAvailableBefore == false)
        {
            run.Warn(TaskSearchUnavailable, run.WorkspaceGid, "The workspace task search was not asked: it was unavailable at the last full sync (402, or refused), and is asked again at the next one. Until then " + Consequence);
        }
    }
}
