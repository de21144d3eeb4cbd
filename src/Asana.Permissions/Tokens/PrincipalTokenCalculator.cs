using Asana.Permissions.Graph;
using Asana.Permissions.Model;

namespace Asana.Permissions.Tokens;

/// <summary>
/// Flattens the grants of permission-rules §1 into principal tokens. Mirrors <c>VisibilityEvaluator.CanView</c> grant
/// by grant, so that CanView(u, t) holds exactly when the token sets intersect.
/// </summary>
internal sealed class PrincipalTokenCalculator
{
    private readonly WorkspaceGraph _graph;
    private readonly bool _projectlessVisibleToMembers;
    private readonly string _adminToken;
    private readonly string _memberToken;

    public PrincipalTokenCalculator(WorkspaceGraph graph, EvaluationOptions options)
    {
        _graph = graph;
        _projectlessVisibleToMembers = options.ProjectlessTasksVisibleToMembers;
        _adminToken = PrincipalTokens.ForRole(graph.Workspace.Gid, RoleIds.Admin);
        _memberToken = PrincipalTokens.ForRole(graph.Workspace.Gid, RoleIds.Member);
    }

    public string[] ForUser(int user)
    {
        var graph = _graph;
        if (user < 0 || !graph.IsActiveUser(user))
        {
            return [];
        }

        var tokens = new List<string> { PrincipalTokens.ForUser(graph.UserIds.GidAt(user)) };
        foreach (var team in graph.UserTeams[user].Items)
        {
            tokens.Add(PrincipalTokens.ForTeam(graph.TeamIds.GidAt(team)));
        }

        if (!graph.IsGuest(user))
        {
            tokens.Add(graph.IsAdmin(user) ? _adminToken : _memberToken);
        }

        tokens.Sort(StringComparer.Ordinal);
        return [.. tokens];
    }

    public string[] ForTicket(int task)
    {
        var graph = _graph;
        if (task < 0 || !graph.TaskExists(task))
        {
            return [];
        }

        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<int>();
        for (var node = task; node >= 0 && graph.TaskExists(node) && visited.Add(node); node = graph.TaskParent[node])
        {
            foreach (var user in graph.TaskCollaborators(node))
            {
                tokens.Add(PrincipalTokens.ForUser(graph.UserIds.GidAt(user)));
            }

            foreach (var project in graph.TaskProjects(node))
            {
                if (!graph.ProjectExists(project))
                {
                    continue;
                }

                foreach (var user in graph.ProjectMemberUsers[project])
                {
                    tokens.Add(PrincipalTokens.ForUser(graph.UserIds.GidAt(user)));
                }

                foreach (var team in graph.GrantingTeams(project))
                {
                    tokens.Add(PrincipalTokens.ForTeam(graph.TeamIds.GidAt(team)));
                }

                if (graph.ProjectPrivacies[project] == ProjectPrivacy.Public)
                {
                    AddRoleTokens(tokens);
                }
            }

            if (_projectlessVisibleToMembers && graph.IsProjectless(node))
            {
                AddRoleTokens(tokens);
            }
        }

        var ordered = tokens.ToArray();
        Array.Sort(ordered, StringComparer.Ordinal);
        return ordered;
    }

    private void AddRoleTokens(HashSet<string> tokens)
    {
        tokens.Add(_adminToken);
        tokens.Add(_memberToken);
    }
}
