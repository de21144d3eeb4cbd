using System.Runtime.InteropServices;
using Asana.Permissions.Graph;
using Asana.Permissions.Model;

namespace Asana.Permissions.Tokens;

/// <summary>
/// Flattens the grants of permission-rules §1 into principal tokens. Mirrors <c>VisibilityEvaluator.CanView</c> grant
/// by grant, so that CanView(u, t) holds exactly when the token sets intersect.
/// </summary>
internal sealed class PrincipalTokenCalculator
{
    private const int ChainDepthBeforeCycleCheck = 64;

    [ThreadStatic]
    private static List<string>? t_scratch;

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

        var teams = graph.UserTeams[user].Items;
        var guest = graph.IsGuest(user);
        var tokens = new string[1 + teams.Length + (guest ? 0 : 1)];
        var next = 0;
        tokens[next++] = graph.UserToken(user);
        foreach (var team in teams)
        {
            tokens[next++] = graph.TeamToken(team);
        }

        if (!guest)
        {
            tokens[next] = graph.IsAdmin(user) ? _adminToken : _memberToken;
        }

        tokens.AsSpan().Sort(string.CompareOrdinal);
        return tokens;
    }

    public string[] ForTicket(int task)
    {
        var graph = _graph;
        if (task < 0 || !graph.TaskExists(task))
        {
            return [];
        }

        // Readers may run concurrently: each thread collects into its own scratch list, and only the result is new.
        var tokens = t_scratch ??= new List<string>(32);
        tokens.Clear();
        HashSet<int>? visited = null;
        var depth = 0;
        for (var node = task; node >= 0 && graph.TaskExists(node); node = graph.TaskParent[node])
        {
            // Past this depth a parent chain is probably a cycle: from then on visited tasks are remembered.
            if (++depth > ChainDepthBeforeCycleCheck && !(visited ??= []).Add(node))
            {
                break;
            }

            foreach (var user in graph.TaskCollaborators(node))
            {
                tokens.Add(graph.UserToken(user));
            }

            foreach (var project in graph.TaskProjects(node))
            {
                if (!graph.ProjectExists(project))
                {
                    continue;
                }

                foreach (var user in graph.ProjectMemberUsers[project])
                {
                    tokens.Add(graph.UserToken(user));
                }

                foreach (var team in graph.GrantingTeams(project))
                {
                    tokens.Add(graph.TeamToken(team));
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

        if (tokens.Count == 0)
        {
            return [];
        }

        // A static method group is one cached delegate; sorting through an IComparer would allocate one per call.
        var sorted = CollectionsMarshal.AsSpan(tokens);
        sorted.Sort(string.CompareOrdinal);
        var distinct = 1;
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!string.Equals(tokens[i], tokens[distinct - 1], StringComparison.Ordinal))
            {
                tokens[distinct++] = tokens[i];
            }
        }

        var result = new string[distinct];
        tokens.CopyTo(0, result, 0, distinct);
        tokens.Clear();
        return result;
    }

    private void AddRoleTokens(List<string> tokens)
    {
        tokens.Add(_adminToken);
        tokens.Add(_memberToken);
    }
}
