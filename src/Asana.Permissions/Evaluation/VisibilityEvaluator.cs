using System.Buffers;
using Asana.Permissions.Graph;
using Asana.Permissions.Indexing;

namespace Asana.Permissions.Evaluation;

/// <summary>
/// Answers permission-rules §1 over the graph. Each user's visible projects are computed once, on first use, and
/// kept as a bitset; updates patch or drop exactly the affected sets.
/// </summary>
internal sealed class VisibilityEvaluator
{
    // Past this depth a parent chain is probably a cycle: from then on visited tasks are remembered.
    private const int ChainDepthBeforeCycleCheck = 64;

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
        var cache = _visibleProjects;
        if (user < cache.Length && Volatile.Read(ref cache[user]) is { } cached)
        {
            return cached;
        }

        var computed = ComputeVisibleProjects(user);
        if (user < cache.Length)
        {
            // Concurrent readers may both compute: the results are equal, the first one published wins.
            return Interlocked.CompareExchange(ref cache[user], computed, null) ?? computed;
        }

        return computed;
    }

    public bool IsProjectVisible(int user, int project)
    {
        var graph = _graph;
        if (!graph.IsActiveUser(user) || !graph.ProjectExists(project))
        {
            return false;
        }

        if (graph.ProjectMemberUsers[project].AsSpan().Contains(user))
        {
            return true;
        }

        var teams = graph.UserTeams[user].Items;
        foreach (var team in graph.GrantingTeams(project))
        {
            if (teams.Contains(team))
            {
                return true;
            }
        }

        return graph.ProjectPrivacies[project] == ProjectPrivacy.Public && !graph.IsGuest(user);
    }

    public bool CanView(int user, int task)
    {
        var graph = _graph;
        if (!graph.IsActiveUser(user) || !graph.TaskExists(task))
        {
            return false;
        }

        var projects = VisibleProjects(user);
        var memberSeesProjectless = _projectlessVisibleToMembers && !graph.IsGuest(user);
        HashSet<int>? visited = null;
        var depth = 0;
        for (var node = task; node >= 0 && graph.TaskExists(node); node = graph.TaskParent[node])
        {
            if (++depth > ChainDepthBeforeCycleCheck && !(visited ??= []).Add(node))
            {
                return false;
            }

            var links = graph.TaskLinks[node];
            var projectCount = graph.TaskProjectCount[node];
            for (var i = 0; i < projectCount; i++)
            {
                if (projects.Contains(links[i]))
                {
                    return true;
                }
            }

            for (var i = projectCount; i < links.Length; i++)
            {
                if (links[i] == user)
                {
                    return true;
                }
            }

            if (memberSeesProjectless && projectCount == 0 && graph.TaskParent[node] < 0)
            {
                return true;
            }
        }

        return false;
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

        var wordCount = (graph.TaskIds.Count + 63) >> 6;
        var seen = ArrayPool<ulong>.Shared.Rent(Math.Max(wordCount, 1));
        Array.Clear(seen, 0, wordCount);
        try
        {
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
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(seen);
        }

        return result;
    }

    /// <summary>Every known active user who can see the task, unordered.</summary>
    public List<int> Principals(int task)
    {
        var graph = _graph;
        var result = new List<int>();
        if (!graph.TaskExists(task))
        {
            return result;
        }

        var candidates = new BitSet(graph.UserIds.Count);
        var everyMember = false;
        HashSet<int>? visited = null;
        var depth = 0;
        for (var node = task; node >= 0 && graph.TaskExists(node); node = graph.TaskParent[node])
        {
            if (++depth > ChainDepthBeforeCycleCheck && !(visited ??= []).Add(node))
            {
                break;
            }

            foreach (var user in graph.TaskCollaborators(node))
            {
                candidates.Add(user);
            }

            foreach (var project in graph.TaskProjects(node))
            {
                if (!graph.ProjectExists(project))
                {
                    continue;
                }

                foreach (var user in graph.ProjectMemberUsers[project])
                {
                    candidates.Add(user);
                }

                foreach (var team in graph.GrantingTeams(project))
                {
                    foreach (var user in graph.TeamUsers[team].Items)
                    {
                        candidates.Add(user);
                    }
                }

                everyMember |= graph.ProjectPrivacies[project] == ProjectPrivacy.Public;
            }

            everyMember |= _projectlessVisibleToMembers && graph.IsProjectless(node);
        }

        for (var user = 0; user < graph.UserIds.Count; user++)
        {
            if (graph.IsActiveUser(user) && (candidates.Contains(user) || (everyMember && !graph.IsGuest(user))))
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
    public void ForgetUser(int user)
    {
        if (user >= 0 && user < _visibleProjects.Length)
        {
            _visibleProjects[user] = null;
        }
    }

    /// <summary>Makes room for users interned since the last write (called by the single writer).</summary>
    public void SyncCapacity()
    {
        if (_visibleProjects.Length < _graph.UserIds.Capacity)
        {
            Array.Resize(ref _visibleProjects, _graph.UserIds.Capacity);
        }
    }

    private static void Mark(ulong[] seen, List<int> result, int task)
    {
        ref var word = ref seen[task >> 6];
        var bit = 1UL << task;
        if ((word & bit) == 0)
        {
            word |= bit;
            result.Add(task);
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
        }

        return visible;
    }
}
