using Asana.Permissions.Graph;
using Asana.Permissions.Rules;

namespace Asana.Permissions.Evaluation;

/// <summary>
/// Lists every grant that lets a user see a task, each with a sentence and the gid chain it runs through. It visits the
/// same <see cref="GrantWalker"/> walk as <see cref="VisibilityEvaluator.CanView"/>, so it allows exactly when CanView does.
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

        var visitor = new ExplainVisitor(graph, user, task);
        GrantWalker.VisitTask(graph, task, _projectlessVisibleToMembers, ref visitor);
        return visitor.Grants.Count > 0 ? new AccessDecision(true, visitor.Grants, null) : Denied(NoGrant);
    }

    private static AccessDecision Denied(string reason) => new(false, [], reason);

    /// <summary>Turns every grant of the walk that reaches the user into an <see cref="AccessGrant"/>.</summary>
    private struct ExplainVisitor(WorkspaceGraph graph, int user, int target) : ITaskGrantVisitor, IProjectGrantVisitor
    {
        private readonly string _userToken = graph.UserToken(user);
        private readonly List<string> _tail = [];
        private string _holder = "the task";
        private int _node = -1;
        private string _holds = string.Empty;
        private string _projectToken = string.Empty;

        public List<AccessGrant> Grants { get; } = [];

        public void Node(int task)
        {
            var record = graph.TaskRecords[task]!;
            if (task != target)
            {
                _holder = $"task {record.Name}, the parent of {_holder}";
            }

            _node = task;
            _tail.Insert(0, "task:" + record.Gid);
        }

        public readonly bool Collaborator(int task, int collaborator)
        {
            if (collaborator != user)
            {
                return false;
            }

            var record = graph.TaskRecords[task]!;
            var userGid = graph.UserIds.GidAt(user);
            if (string.Equals(record.AssigneeGid, userGid, StringComparison.Ordinal))
            {
                Add(GrantKind.Assignee, $"assignee of {_holder}", _userToken);
            }

            if (record.FollowerGids.Contains(userGid, StringComparer.Ordinal))
            {
                Add(GrantKind.Follower, $"collaborator (follower) of {_holder}", _userToken);
            }

            return false;
        }

        public bool Project(int task, int project)
        {
            if (graph.ProjectRecords[project] is not { } record)
            {
                return false; // a project that was never read grants nothing
            }

            _holds = $"project {record.Name}, which holds {_holder}";
            _projectToken = "project:" + record.Gid;
            GrantWalker.VisitProject(graph, project, ref this);
            return false;
        }

        public readonly bool Projectless(int task)
        {
            if (!graph.IsGuest(user))
            {
                Add(GrantKind.ProjectlessWorkspaceMember,
                    $"non-guest member of the workspace, and {_holder} is in no project (project-less tasks are visible to members by option)",
                    RoleToken());
            }

            return false;
        }

        public readonly bool Grant(in ProjectGrant grant)
        {
            if (!grant.Reaches(graph, user))
            {
                return false;
            }

            switch (grant.Kind)
            {
                case ProjectGrantKind.UserMember:
                    Add(GrantKind.ProjectMember, $"member of {_holds}", _userToken, _projectToken);
                    break;
                case ProjectGrantKind.TeamMember:
                    Add(GrantKind.ProjectMemberTeam, $"member of team {graph.TeamName(grant.Principal)}, which is a member of {_holds}",
                        TeamToken(grant.Principal), _projectToken);
                    break;
                case ProjectGrantKind.ProjectTeam:
                    var sharing = graph.ProjectPrivacies[grant.Project] == ProjectPrivacy.Team ? "team only" : "shared with the organization";
                    Add(GrantKind.ProjectTeam, $"member of team {graph.TeamName(grant.Principal)}, the team of {sharing} {_holds}",
                        TeamToken(grant.Principal), _projectToken);
                    break;
                case ProjectGrantKind.Workspace:
                    var name = graph.ProjectRecords[grant.Project]!.Name;
                    Add(GrantKind.WorkspaceMember,
                        $"non-guest member of the workspace, and project {name} is shared with the organization and holds {_holder}",
                        RoleToken(), _projectToken);
                    break;
                case ProjectGrantKind.PortfolioUser:
                    Add(GrantKind.PortfolioMember, $"member of portfolio {graph.PortfolioName(grant.Portfolio)}, which shares {_holds}",
                        _userToken, PortfolioToken(grant.Portfolio), _projectToken);
                    break;
                case ProjectGrantKind.PortfolioTeam:
                    Add(GrantKind.PortfolioMember,
                        $"member of team {graph.TeamName(grant.Principal)}, which is a member of portfolio {graph.PortfolioName(grant.Portfolio)}, which shares {_holds}",
                        TeamToken(grant.Principal), PortfolioToken(grant.Portfolio), _projectToken);
                    break;
            }

            return false;
        }

        private readonly string TeamToken(int team) => graph.TeamToken(team);

        private readonly string PortfolioToken(int portfolio) => "portfolio:" + graph.PortfolioIds.GidAt(portfolio);

        private readonly string RoleToken() =>
            PrincipalTokens.ForRole(graph.Workspace.Gid, graph.IsAdmin(user) ? Model.RoleIds.Admin : Model.RoleIds.Member);

        private readonly void Add(GrantKind kind, string description, params string[] chain)
        {
            var via = new List<string>(chain.Length + _tail.Count);
            via.AddRange(chain);
            via.AddRange(_tail);
            Grants.Add(new AccessGrant(_node == target ? kind : GrantKind.ParentTask, description, via));
        }
    }
}
