namespace Asana.Sync;

/// <summary>
/// Something a sync could not read, or may have missed; the grants concerned are absent (fail closed). Codes include
/// <c>project_memberships_unreadable</c>, <c>project_tasks_unreadable</c>, <c>portfolios_unreadable</c>,
/// <c>task_search_failed</c>, <c>task_search_unavailable</c> (no workspace task search: project-less tasks with no active
/// assignee cannot be found) and <c>lookback_excludes_all</c> (<see cref="AsanaSyncOptions.LookbackDays"/> left no task).
/// </summary>
/// <param name="Code">Machine-readable code, e.g. "project_memberships_unreadable".</param>
/// <param name="ResourceGid">The Asana object concerned (the workspace, a project or a task gid), if any.</param>
/// <param name="Message">What happened and what it means for visibility.</param>
public sealed record SyncWarning(string Code, string? ResourceGid, string Message);
