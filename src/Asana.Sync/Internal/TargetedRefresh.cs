namespace Asana.Sync.Internal;

/// <summary>
/// The permission-bearing reads of a targeted refresh: the lists and memberships its <see cref="RefreshScope"/> names,
/// read again on top of the stored records a <see cref="SyncRun"/> was seeded with.
/// </summary>
internal sealed class TargetedRefresh
{
    private readonly SyncRun _run;
    private readonly AsanaSyncOptions _options;

    public TargetedRefresh(SyncRun run, AsanaSyncOptions options)
    {
        _run = run;
        _options = options;
    }

    /// <summary>Reads what the scope names; returns the projects that appeared (to crawl) and those that are gone.</summary>
    public async Task<(IReadOnlyList<string> New, IReadOnlyList<string> Gone)> ReadPermissionDataAsync(RefreshScope scope, CancellationToken cancellationToken)
    {
        var run = _run;
        var before = run.Projects.Select(p => p.Gid).ToHashSet(StringComparer.Ordinal);
        var lists = new List<Task>();
        if (scope.Users)
        {
            lists.Add(run.ReadUsersAsync(cancellationToken));
        }

        if (scope.Teams.Count > 0)
        {
            lists.Add(run.ReadTeamsAsync(cancellationToken));
        }

        Task<IReadOnlyList<string>> goneTask = scope.ProjectList ? run.ReadProjectListAsync(cancellationToken) : Task.FromResult<IReadOnlyList<string>>([]);
        lists.Add(goneTask);
        await Task.WhenAll(lists);

        var gone = goneTask.Result;
        var projects = run.Projects.Select(p => p.Gid).ToHashSet(StringComparer.Ordinal);
        var added = run.Projects.Select(p => p.Gid).Where(g => !before.Contains(g)).ToList();

        var queue = new WorkQueue();
        foreach (var team in Expand(scope.Teams, run.Teams.Select(t => t.Gid)))
        {
            queue.Enqueue(ct => run.ReadTeamMembersAsync(team, ct));
        }

        // A new project's members are read with it; its sections come with its crawl.
        foreach (var project in Expand(scope.ProjectMemberships, projects).Union(added, StringComparer.Ordinal))
        {
            queue.Enqueue(ct => run.ReadProjectMembersAsync(project, ct));
        }

        foreach (var project in Expand(scope.ProjectSections, projects).Except(added, StringComparer.Ordinal))
        {
            queue.Enqueue(ct => run.ReadSectionsAsync(project, ct));
        }

        if (scope.Portfolios)
        {
            queue.Enqueue(ct => run.ReadPortfoliosAgainAsync(ct));
        }

        await queue.RunAsync(_options.MaxParallelism, cancellationToken);
        return (added, gone);

        // Only what still exists is read: a team or project the fresh list no longer has is gone, not unreadable.
        IEnumerable<string> Expand(IReadOnlySet<string> named, IEnumerable<string> existing)
        {
            var current = existing.ToHashSet(StringComparer.Ordinal);
            return named.Contains(RefreshScope.All)
                ? current.Order(StringComparer.Ordinal)
                : named.Where(current.Contains);
        }
    }
}
