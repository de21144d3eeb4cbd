using Asana.Client.Models;

namespace Asana.Sync.AspNetCore;

/// <summary>The filters the registrar creates webhooks with.</summary>
public static class WebhookFilters
{
    /// <summary>
    /// The workspace webhook's: Asana requires filters on a workspace, all from its allow-list and without fields. These
    /// are the ones that move access across the workspace: projects added, removed, deleted, undeleted or changed
    /// (privacy, team), team and workspace memberships added or removed.
    /// </summary>
    public static IReadOnlyList<AsanaWebhookFilter> Workspace { get; } =
    [
        new("project", "added"),
        new("project", "removed"),
        new("project", "deleted"),
        new("project", "undeleted"),
        new("project", "changed"),
        new("team_membership", "added"),
        new("team_membership", "removed"),
        new("workspace_membership", "added"),
        new("workspace_membership", "removed"),
    ];

    /// <summary>
    /// A project webhook's. Filters are optional on a project; without them every story (comment, like) of every task
    /// would be delivered. These keep what a refresh needs: its tasks and their direct subtasks (both <c>task</c>)
    /// added, removed, deleted, undeleted or changed (any field: assignee, followers and memberships all move access),
    /// and its memberships added or removed.
    /// </summary>
    public static IReadOnlyList<AsanaWebhookFilter> Project { get; } =
    [
        new("task", "added"),
        new("task", "removed"),
        new("task", "deleted"),
        new("task", "undeleted"),
        new("task", "changed"),
        new("project_membership", "added"),
        new("project_membership", "removed"),
    ];
}
