using Asana.Permissions.Graph;
using Asana.Permissions.Indexing;
using Asana.Permissions.Rules;

namespace Asana.Permissions.Evaluation;

/// <summary>
/// Answers permission-rules §1 over the graph through <see cref="GrantWalker"/>. Each user's visible projects are
/// computed once, on first use, from the graph's inverse indexes (user → projects) and kept as a bitset; updates patch
/// or drop exactly the affected sets. <see cref="IsProjectVisible"/> answers the same question through the walker.
/// </summary>
internal sealed class VisibilityEvaluator
{
    private readonly WorkspaceGraph _graph;
    private readonly bool _projectlessVisibleToMembers;
    private BitSet?[] _visibleProjects;

    public VisibilityEvaluator(WorkspaceGraph graph, EvaluationOptions options)
    {
        _graph = graph;
        _projectlessVisibleToMembers = options.ProjectlessTasksVisibleToMembers;
        _visibleProjects = new BitSet?[graph.UserIds.Capacity];
    }

    /// <summary>The projects an active user can open (rules 1–4); empty for anyone else.</summary>
    public BitSet VisibleProjects(int user)
    {
        // Every write that interns users makes room for them (SyncCapacity), so every user index has a slot.
        var cache = _visibleProjects;
        if (Volatile.Read(ref cache[user]) is { } cached)
        {
            return cached;
        }

        // Concurrent readers may both compute: the results are equal, the first one published wins.
        var computed = ComputeVisibleProjects(user);
        return Interlocked.CompareExchange(ref cache[user], computed, null) ?? computed;
    }

    public bool IsProjectVisible(int user, int project)
    {
        var graph = _graph;
        if (!graph.IsActiveUser(user))
        {
            return false;
        }

        var reach = new ReachVisitor(graph, user);
        return GrantWalker.VisitProject(graph, project, ref reach);
    }

    public bool CanView(int user, int task)
    {
        var graph = _graph;
        if (!graph.IsActiveUser(user) || !graph.TaskExists(task))
        {
            return false;
        }

        var visitor = new CanViewVisitor(user, VisibleProjects(user), _projectlessVisibleToMembers && !graph.IsGuest(user));
        return GrantWalker.VisitTask(graph, task, _projectlessVisibleToMembers, ref visitor);
    }

    /// <summary>Every existing task the user can see, unordered.</summary>
    public List<int> Accessible(int user)
    {
        var graph = _graph;
        var result = new List<int>();
        if (!graph.IsActiveUser(user))
        {
            return result;
        }

        var seen = new BitSet(graph.TaskIds.Count);
        var projects = new List<int>();
        VisibleProjects(user).CopyTo(projects);
        foreach (var project in projects)
        {
            foreach (var task in graph.ProjectTasks[project])
            {
                Mark(seen, result, task);
            }
        }

        foreach (var task in graph.UserCollaborations[user])
        {
            Mark(seen, result, task);
        }

        if (_projectlessVisibleToMembers && !graph.IsGuest(user))
        {
            for (var task = 0; task < graph.TaskIds.Count; task++)
            {
                if (graph.TaskExists(task) && graph.IsProjectless(task))
                {
                    Mark(seen, result, task);
                }
            }
        }

        // Subtasks inherit from their parent at any depth; the seen set also stops parent cycles.
        for (var i = 0; i < result.Count; i++)
        {
            for (var child = graph.TaskFirstChild[result[i]]; child >= 0; child = graph.TaskNextSibling[child])
            {
                Mark(seen, result, child);
            }
        }

        return result;
    }

    /// <summary>Every known active user who can see the task, unordered.</summary>
    public List<int> Principals(int task)
    {
        var graph = _graph;
        var result = new List<int>();
        var visitor = new PrincipalsVisitor(graph, new BitSet(graph.UserIds.Count));
        GrantWalker.VisitTask(graph, task, _projectlessVisibleToMembers, ref visitor);
        for (var user = 0; user < graph.UserIds.Count; user++)
        {
            if (graph.IsActiveUser(user) && (visitor.Candidates.Contains(user) || (visitor.EveryMember && !graph.IsGuest(user))))
            {
                result.Add(user);
            }
        }

        return result;
    }

    /// <summary>A project changed (added, removed, privacy or members): patch its bit in every cached set.</summary>
    public void OnProjectChanged(int project)
    {
        var cache = _visibleProjects;
        for (var user = 0; user < cache.Length; user++)
        {
            cache[user]?.Set(project, IsProjectVisible(user, project));
        }
    }

    /// <summary>The user's role, activity or teams changed: their set is recomputed on next use.</summary>
    public void ForgetUser(int user) => _visibleProjects[user] = null;

    /// <summary>Makes room for users interned since the last write (called by the single writer).</summary>
    public void SyncCapacity()
    {
        // The graph's capacity only grows, so a different capacity is a larger one.
        if (_visibleProjects.Length != _graph.UserIds.Capacity)
        {
            Array.Resize(ref _visibleProjects, _graph.UserIds.Capacity);
        }
    }

    private static void Mark(BitSet seen, List<int> result, int task)
    {
        if (seen.TryAdd(task))
        {
            result.Add(task);
        }
    }

    private static void AddPortfolioProjects(WorkspaceGraph graph, ReadOnlySpan<int> portfolios, BitSet visible)
    {
        foreach (var portfolio in portfolios)
        {
            foreach (var project in graph.PortfolioProjects[portfolio])
            {
                if (graph.ProjectExists(project))
                {
                    visible.Add(project);
                }
            }
        }
    }

    private BitSet ComputeVisibleProjects(int user)
    {
        var graph = _graph;
        var visible = new BitSet(graph.ProjectIds.Count);
        if (!graph.IsActiveUser(user))
        {
            return visible;
        }

        if (!graph.IsGuest(user))
        {
            visible.UnionWith(graph.PublicProjects);
        }

        foreach (var project in graph.UserDirectProjects[user].Items)
        {
            visible.Add(project);
        }

        foreach (var team in graph.UserTeams[user].Items)
        {
            foreach (var project in graph.TeamGrantedProjects[team].Items)
            {
                visible.Add(project);
            }

            AddPortfolioProjects(graph, graph.TeamPortfolios[team].Items, visible);
        }

        AddPortfolioProjects(graph, graph.UserDirectPortfolios[user].Items, visible);
        return visible;
    }

    /// <summary>CanView's visitor: the target user among the collaborators, or a project in the user's visible set.</summary>
    private readonly struct CanViewVisitor(int user, BitSet visibleProjects, bool seesProjectless) : ITaskGrantVisitor
    {
        public void Node(int task)
        {
        }

        public bool Collaborator(int task, int collaborator) => collaborator == user;

        public bool Project(int task, int project) => visibleProjects.Contains(project);

        public bool Projectless(int task) => seesProjectless;
    }

    /// <summary>Stops at the first project grant that reaches the user.</summary>
    private readonly struct ReachVisitor(WorkspaceGraph graph, int user) : IProjectGrantVisitor
    {
        public bool Grant(in ProjectGrant grant) => grant.Reaches(graph, user);
    }

    /// <summary>Collects every user a grant names, and whether some grant reaches every non-guest member.</summary>
    private struct PrincipalsVisitor(WorkspaceGraph graph, BitSet candidates) : ITaskGrantVisitor, IProjectGrantVisitor
    {
        public readonly BitSet Candidates => candidates;

        public bool EveryMember { get; private set; }

        public readonly void Node(int task)
        {
        }

        public readonly bool Collaborator(int task, int user)
        {
            candidates.Add(user);
            return false;
        }

        public bool Project(int task, int project)
        {
            GrantWalker.VisitProject(graph, project, ref this);
            return false;
        }

        public bool Projectless(int task)
        {
            EveryMember = true;

            // Stryker disable once Boolean: equivalent, a project-less task has no parent, so its callback ends the walk anyway.
            return false;
        }

        public bool Grant(in ProjectGrant grant)
        {
            if (grant.Kind == ProjectGrantKind.Workspace)
            {
                EveryMember = true;
            }
            else if (grant.IsTeam)
            {
                foreach (var user in graph.TeamUsers[grant.Principal].Items)
                {
                    candidates.Add(user);
                }
            }
            else
            {
                candidates.Add(grant.Principal);
            }

            return false;
        }
    }
}
