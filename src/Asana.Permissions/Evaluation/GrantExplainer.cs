using Asana.Permissions.Graph;
using Asana.Permissions.Tokens;

namespace Asana.Permissions.Evaluation;

/// <summary>
/// Lists every grant that lets a user see a task, each with a sentence and the gid chain it runs through. Walks the
/// same parent chain as <see cref="VisibilityEvaluator.CanView"/>, so it allows exactly when CanView does.
/// </summary>
internal sealed class GrantExplainer
{
    public const string UnknownUser = "unknown user";
    public const string UnknownTicket = "unknown ticket";
    public const string InactiveUser = "user is not an active member of the workspace";
    public const string NoGrant =
        "no grant: the user is neither assignee nor collaborator of the task or of a parent task, and can open no project holding them";

    private readonly WorkspaceGraph _graph;
    private readonly bool _projectlessVisibleToMembers;

    public GrantExplainer(WorkspaceGraph graph, EvaluationOptions options)
    {
        _graph = graph;
        _projectlessVisibleToMembers = options.ProjectlessTasksVisibleToMembers;
    }

    public AccessDecision Explain(int user, int task)
    {
        var graph = _graph;
        if (user < 0)
        {
            return Denied(UnknownUser);
        }

        if (task < 0 || !graph.TaskExists(task))
        {
            return Denied(UnknownTicket);
        }

        if (!graph.IsActiveUser(user))
        {
            return Denied(InactiveUser);
        }

        var grants = new List<AccessGrant>();
        var tail = new List<string>();
        var holder = "the task";
        var visited = new HashSet<int>();
        for (var node = task; node >= 0 && graph.TaskExists(node) && visited.Add(node); node = graph.TaskParent[node])
        {
            var record = graph.TaskRecords[node]!;
            if (node != task)
            {
                holder = $"task {record.Name}, the parent of {holder}";
            }

            tail.Insert(0, "task:" + record.Gid);
            AddGrantsAt(user, node, node == task, holder, tail, grants);
        }

        return grants.Count > 0 ? new AccessDecision(true, grants, null) : Denied(NoGrant);
    }

    private static AccessDecision Denied(string reason) => new(false, [], reason);

    private void AddGrantsAt(int user, int node, bool isTarget, string holder, List<string> tail, List<AccessGrant> grants)
    {
        var graph = _graph;
        var record = graph.TaskRecords[node]!;
        var userGid = graph.UserIds.GidAt(user);
        var userToken = PrincipalTokens.ForUser(userGid);
        var roleToken = PrincipalTokens.ForRole(graph.Workspace.Gid, graph.IsAdmin(user) ? Model.RoleIds.Admin : Model.RoleIds.Member);
        var guest = graph.IsGuest(user);

        if (string.Equals(record.AssigneeGid, userGid, StringComparison.Ordinal))
        {
            Add(GrantKind.Assignee, $"assignee of {holder}", userToken, null);
        }

        if (record.FollowerGids.Contains(userGid, StringComparer.Ordinal))
        {
            Add(GrantKind.Follower, $"collaborator (follower) of {holder}", userToken, null);
        }

        var userTeams = graph.UserTeams[user].Items;
        foreach (var project in graph.TaskProjects(node))
        {
            if (graph.ProjectRecords[project] is not { } projectRecord)
            {
                continue;
            }

            var projectToken = "project:" + projectRecord.Gid;
            var holds = $"project {projectRecord.Name}, which holds {holder}";
            if (graph.ProjectMemberUsers[project].AsSpan().Contains(user))
            {
                Add(GrantKind.ProjectMember, $"member of {holds}", userToken, projectToken);
            }

            foreach (var team in graph.ProjectMemberTeams[project])
            {
                if (userTeams.Contains(team))
                {
                    Add(GrantKind.ProjectMemberTeam, $"member of team {graph.TeamName(team)}, which is a member of {holds}",
                        PrincipalTokens.ForTeam(graph.TeamIds.GidAt(team)), projectToken);
                }
            }

            var privacy = graph.ProjectPrivacies[project];
            var projectTeam = graph.ProjectTeam[project];
            if (privacy != ProjectPrivacy.Private && projectTeam >= 0 && userTeams.Contains(projectTeam))
            {
                var sharing = privacy == ProjectPrivacy.Team ? "team only" : "shared with the organization";
                Add(GrantKind.ProjectTeam, $"member of team {graph.TeamName(projectTeam)}, the team of {sharing} {holds}",
                    PrincipalTokens.ForTeam(graph.TeamIds.GidAt(projectTeam)), projectToken);
            }

            if (privacy == ProjectPrivacy.Public && !guest)
            {
                Add(GrantKind.WorkspaceMember,
                    $"non-guest member of the workspace, and project {projectRecord.Name} is shared with the organization and holds {holder}",
                    roleToken, projectToken);
            }
        }

        if (_projectlessVisibleToMembers && !guest && graph.IsProjectless(node))
        {
            Add(GrantKind.ProjectlessWorkspaceMember,
                $"non-guest member of the workspace, and {holder} is in no project (project-less tasks are visible to members by option)",
                roleToken, null);
        }

        void Add(GrantKind kind, string description, string principal, string? project)
        {
            var via = new List<string>(tail.Count + 2) { principal };
            if (project is not null)
            {
                via.Add(project);
            }

            via.AddRange(tail);
            grants.Add(new AccessGrant(isTarget ? kind : GrantKind.ParentTask, description, via));
        }
    }
}
