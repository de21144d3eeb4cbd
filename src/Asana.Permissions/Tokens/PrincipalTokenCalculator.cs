using System.Runtime.InteropServices;
using Asana.Permissions.Graph;
using Asana.Permissions.Model;
using Asana.Permissions.Rules;

namespace Asana.Permissions.Tokens;

/// <summary>
/// Flattens the grants of permission-rules §1 into principal tokens. It visits the same <see cref="GrantWalker"/> walk as
/// <c>VisibilityEvaluator.CanView</c>, so that CanView(u, t) holds exactly when the token sets intersect: a user holds
/// <c>user:</c>, a <c>team:</c> per full-access team, and a role token unless a guest.
/// </summary>
internal sealed class PrincipalTokenCalculator
{
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
        // An unknown task (-1) or a removed one walks no node and gets no token.
        var graph = _graph;

        // Readers may run concurrently: each thread collects into its own scratch list, and only the result is new.
        var tokens = t_scratch ??= new List<string>(32);
        tokens.Clear();
        var visitor = new TokenVisitor(this, tokens);
        GrantWalker.VisitTask(graph, task, _projectlessVisibleToMembers, ref visitor);

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
        return result;
    }

    private void AddRoleTokens(List<string> tokens)
    {
        tokens.Add(_adminToken);
        tokens.Add(_memberToken);
    }

    /// <summary>Turns each grant into the token of the principal it names: users, teams, or the two non-guest roles.</summary>
    private readonly struct TokenVisitor(PrincipalTokenCalculator calculator, List<string> tokens) : ITaskGrantVisitor, IProjectGrantVisitor
    {
        public void Node(int task)
        {
        }

        public bool Collaborator(int task, int user)
        {
            tokens.Add(calculator._graph.UserToken(user));
            return false;
        }

        public bool Project(int task, int project)
        {
            var self = this;
            GrantWalker.VisitProject(calculator._graph, project, ref self);
            return false;
        }

        public bool Projectless(int task)
        {
            calculator.AddRoleTokens(tokens);

            // Stryker disable once Boolean: equivalent, a project-less task has no parent, so its callback ends the walk anyway.
            return false;
        }

        public bool Grant(in ProjectGrant grant)
        {
            var graph = calculator._graph;
            if (grant.Kind == ProjectGrantKind.Workspace)
            {
                calculator.AddRoleTokens(tokens);
            }
            else
            {
                tokens.Add(grant.IsTeam ? graph.TeamToken(grant.Principal) : graph.UserToken(grant.Principal));
            }

            return false;
        }
    }
}
