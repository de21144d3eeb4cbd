using Microsoft.AspNetCore.Http;

namespace Asana.Simulator.Http;

/// <summary>Maps a request to the <see cref="RequestKind"/> it is counted under.</summary>
internal static class RequestClassifier
{
    public static RequestKind Classify(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (!path.StartsWith(AsanaApi.Prefix, StringComparison.Ordinal))
        {
            return RequestKind.Other;
        }

        var s = path[AsanaApi.Prefix.Length..].Trim('/').Split('/');
        var last = s[^1];
        return (s[0], s.Length) switch
        {
            ("users", 1 or 2) => RequestKind.Users,
            ("users", _) when last == "teams" => RequestKind.Teams,
            ("workspaces", 3) when last == "workspace_memberships" => RequestKind.WorkspaceMemberships,
            ("workspaces", 3) when last == "users" => RequestKind.Users,
            ("workspaces", 3) when last == "teams" => RequestKind.Teams,
            ("workspaces", 3) when last == "projects" => RequestKind.Projects,
            ("workspaces", 3) when last == "events" => RequestKind.Events,
            ("workspaces", 4) when last == "search" => RequestKind.Search,
            ("teams", 3) when last == "team_memberships" => RequestKind.TeamMemberships,
            ("teams", 3) when last == "projects" => RequestKind.Projects,
            ("teams", 2) => RequestKind.Teams,
            ("team_memberships", _) => RequestKind.TeamMemberships,
            ("projects", 1 or 2) => RequestKind.Projects,
            ("projects", 3) when last == "project_memberships" => RequestKind.Memberships,
            ("projects", 3) when last == "sections" => RequestKind.Sections,
            ("projects", 3) when last == "tasks" => RequestKind.Tasks,
            ("memberships", _) => RequestKind.Memberships,
            ("sections", 2) => RequestKind.Sections,
            ("sections", 3) => RequestKind.Tasks,
            ("tasks", 1) when request.Query.ContainsKey("assignee") => RequestKind.AssigneeTasks,
            ("tasks", 1 or 2) => RequestKind.Tasks,
            ("tasks", 3) when last == "subtasks" => RequestKind.Subtasks,
            ("user_task_lists", 3) => RequestKind.AssigneeTasks,
            ("events", _) => RequestKind.Events,
            ("webhooks", 1 or 2) => RequestKind.Webhooks,
            ("portfolios" or "portfolio_memberships" or "project_portfolio_settings", _) => RequestKind.Portfolios,
            ("projects", 3) when last == "project_portfolio_settings" => RequestKind.Portfolios,
            _ => RequestKind.Other,
        };
    }

    /// <summary>Whether the request is under <c>/api/1.0</c>.</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(AsanaApi.Prefix, StringComparison.Ordinal);
}
