using Asana.Permissions.Sources;

namespace Asana.Permissions.Console.Commands;

/// <summary>Finds the decisions worth showing in the demo: the nuances of Asana's rules, each on a real pair.</summary>
internal static class Examples
{
    public static IReadOnlyList<(string Title, string User, string Task)> Find(WorkspaceData data, WorkspacePermissions permissions)
    {
        var memberships = data.WorkspaceMemberships.ToDictionary(m => m.UserGid, StringComparer.Ordinal);
        var projects = data.Projects.ToDictionary(p => p.Gid, StringComparer.Ordinal);
        var tasks = data.Tasks.ToDictionary(t => t.Gid, StringComparer.Ordinal);
        var activeGuests = data.WorkspaceMemberships.Where(m => m.IsActive && m.IsGuest).Select(m => m.UserGid).ToList();
        var activeMembers = data.WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var found = new List<(string, string, string)>();

        bool InPrivacy(TaskRecord t, string privacy) =>
            t.Memberships.Count > 0 && t.Memberships.All(m => projects.TryGetValue(m.ProjectGid, out var p) && p.PrivacySetting == privacy);

        bool Only(string user, string task, GrantKind kind, bool single = false)
        {
            var decision = permissions.Explain(user, task);
            return decision.Allowed && decision.Because.All(g => g.Kind == kind) && (!single || decision.Because.Count == 1);
        }

        void Add(string title, (string User, string Task)? pair)
        {
            if (pair is { } p)
            {
                found.Add((title, p.User, p.Task));
            }
        }

        // A guest cannot open a task of a project shared with the whole organization.
        Add("a guest is denied a task in a project shared with the organization (public_to_workspace is for members only)",
            (from t in data.Tasks
             where t.ParentGid is null && InPrivacy(t, PrivacySettings.PublicToWorkspace)
             from g in activeGuests
             where !permissions.CanView(g, t.Gid)
             select ((string, string)?)(g, t.Gid)).FirstOrDefault());

        // The same project kind, a regular member: allowed by the workspace-wide rule alone.
        Add("a member with no membership in the project and not in its team still sees its task (shared with the organization)",
            (from t in data.Tasks
             where t.ParentGid is null && InPrivacy(t, PrivacySettings.PublicToWorkspace)
             from u in activeMembers
             where Only(u, t.Gid, GrantKind.WorkspaceMember)
             select ((string, string)?)(u, t.Gid)).FirstOrDefault());

        // A guest in the project's team sees a team-only project's task.
        Add("a guest who belongs to the project's team is allowed (guests get team-shared projects through their teams)",
            (from t in data.Tasks
             where t.ParentGid is null && InPrivacy(t, PrivacySettings.PrivateToTeam)
             from g in activeGuests
             where Only(g, t.Gid, GrantKind.ProjectTeam)
             select ((string, string)?)(g, t.Gid)).FirstOrDefault());

        // A collaborator outside a private project sees that one task.
        Add("a follower who is not a member of the private project is allowed (collaborators see the task itself)",
            (from t in data.Tasks
             where InPrivacy(t, PrivacySettings.Private)
             from f in t.FollowerGids
             where memberships.TryGetValue(f, out var m) && m.IsActive && Only(f, t.Gid, GrantKind.Follower)
             select ((string, string)?)(f, t.Gid)).FirstOrDefault());

        // A subtask inherits from its parent chain, deepest first.
        var subtasks = data.Tasks.Where(t => t.ParentGid is not null && Depth(t, tasks) >= 2).OrderBy(t => t.Gid, StringComparer.Ordinal).ToList();
        Add("a subtask is visible only through its parent chain (subtasks inherit, to any depth)",
            (from t in subtasks
             from u in permissions.ListPrincipals(t.Gid)
             where Only(u, t.Gid, GrantKind.ParentTask, single: true)
             select ((string, string)?)(u, t.Gid)).FirstOrDefault()
            ?? (from t in subtasks
                from u in permissions.ListPrincipals(t.Gid)
                where Only(u, t.Gid, GrantKind.ParentTask)
                select ((string, string)?)(u, t.Gid)).FirstOrDefault());

        // A deactivated user loses everything, even their own assignments.
        Add("a deactivated user is denied a task they are still assigned to",
            (from t in data.Tasks
             where t.AssigneeGid is { } a && memberships.TryGetValue(a, out var m) && !m.IsActive
             select ((string, string)?)(t.AssigneeGid!, t.Gid)).FirstOrDefault());

        // Project-less tasks: only the people on the task (fail closed).
        var projectless = data.Tasks.Where(t => t.ParentGid is null && t.Memberships.Count == 0 && t.AssigneeGid is { } a
            && memberships.TryGetValue(a, out var m) && m.IsActive).OrderBy(t => t.Gid, StringComparer.Ordinal).FirstOrDefault();
        if (projectless is not null)
        {
            Add("a project-less task is visible to its assignee", (projectless.AssigneeGid!, projectless.Gid));
            Add("... and denied to every other member: Asana's API does not expose its privacy, so we fail closed",
                activeMembers.Where(u => !permissions.CanView(u, projectless.Gid)).Select(u => ((string, string)?)(u, projectless.Gid)).FirstOrDefault());
        }

        return found;
    }

    private static int Depth(TaskRecord task, Dictionary<string, TaskRecord> tasks)
    {
        var depth = 0;
        for (var parent = task.ParentGid; parent is not null && depth < 100 && tasks.TryGetValue(parent, out var p); parent = p.ParentGid)
        {
            depth++;
        }

        return depth;
    }
}
