using Asana.Client.Models;
using Asana.Sync.Storage;

namespace Asana.Sync.Internal.Planning;

/// <summary>
/// The decisions of an incremental sync, apart from the reads that feed them: from the stored state, the events and the
/// fresh listings, what to read through events, re-crawl, re-read one by one, re-list and delete. No I/O: the engine
/// reads, this decides, so every rule is table-tested without HTTP.
/// </summary>
internal sealed class IncrementalPlanner
{
    private readonly HashSet<string> _storedProjects;
    private readonly IReadOnlyDictionary<string, string> _eventTokens;
    private readonly ILookup<string, string> _storedChildren;
    private readonly ILookup<string, string> _storedByProject;
    private HashSet<string>? _projectlessSubtrees;

    /// <param name="stored">The stored tasks, with their <c>num_subtasks</c>.</param>
    /// <param name="storedProjects">The stored projects.</param>
    /// <param name="eventTokens">Each stored project's event sync token, where it has one.</param>
    public IncrementalPlanner(IReadOnlyDictionary<string, TaskState> stored, IEnumerable<string> storedProjects, IReadOnlyDictionary<string, string> eventTokens)
    {
        Stored = stored;
        _storedProjects = storedProjects.ToHashSet(StringComparer.Ordinal);
        _eventTokens = eventTokens;
        _storedChildren = stored.Values.Where(t => t.Record.ParentGid is not null)
            .ToLookup(t => t.Record.ParentGid!, t => t.Record.Gid, StringComparer.Ordinal);
        _storedByProject = stored.Values
            .SelectMany(t => t.Record.Memberships.Select(m => (Project: m.ProjectGid, Task: t.Record.Gid)))
            .ToLookup(x => x.Project, x => x.Task, StringComparer.Ordinal);
    }

    /// <summary>The stored tasks.</summary>
    public IReadOnlyDictionary<string, TaskState> Stored { get; }

    /// <summary>The planner of an incremental sync that starts from <paramref name="previous"/>.</summary>
    public static IncrementalPlanner For(StoredWorkspace previous)
    {
        var stored = new Dictionary<string, TaskState>(StringComparer.Ordinal);
        foreach (var task in previous.Data.Tasks)
        {
            stored[task.Gid] = new TaskState(task, previous.SubtaskCounts.GetValueOrDefault(task.Gid));
        }

        return new IncrementalPlanner(stored, previous.Data.Projects.Select(p => p.Gid), previous.State.ProjectSyncTokens);
    }

    /// <summary>
    /// Each current project is read through its events when it was stored with a sync token, else crawled in full;
    /// stored projects no longer listed are gone.
    /// </summary>
    public ProjectPlan PlanProjects(IEnumerable<string> currentProjects)
    {
        var reads = new Dictionary<string, string>(StringComparer.Ordinal);
        var recrawls = new Dictionary<string, string>(StringComparer.Ordinal);
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gid in currentProjects)
        {
            current.Add(gid);
            if (!_storedProjects.Contains(gid))
            {
                recrawls[gid] = "new project";
            }
            else if (!_eventTokens.TryGetValue(gid, out var token))
            {
                recrawls[gid] = "no event sync token";
            }
            else
            {
                reads[gid] = token;
            }
        }

        var gone = _storedProjects.Where(p => !current.Contains(p)).Order(StringComparer.Ordinal).ToList();
        return new ProjectPlan(reads, recrawls, gone);
    }

    /// <summary>
    /// What the events say: the last action per task wins, across every stream (in order of creation; a task in several
    /// projects appears on each of their streams). A deletion deletes; any other action re-reads the task.
    /// </summary>
    /// <param name="events">Project gid → its events since the stored token.</param>
    public static EventOutcome ReadEvents(IReadOnlyDictionary<string, IReadOnlyList<AsanaEvent>> events)
    {
        var lastAction = new Dictionary<string, string>(StringComparer.Ordinal);
        var sectionReloads = new HashSet<string>(StringComparer.Ordinal);
        var ordered = events.OrderBy(e => e.Key, StringComparer.Ordinal)
            .SelectMany(e => e.Value.Select(ev => (Project: e.Key, Event: ev)))
            .OrderBy(e => e.Event.CreatedAt ?? DateTimeOffset.MinValue); // stable: ties keep stream order
        foreach (var (projectGid, ev) in ordered)
        {
            if (ev.Resource?.Gid is not { Length: > 0 } gid)
            {
                continue;
            }

            switch (ev.Resource.ResourceType)
            {
                case "task":
                    lastAction[gid] = ev.Action ?? "changed";
                    break;
                case "section":
                    sectionReloads.Add(projectGid);
                    break;
            }
        }

        var deleted = lastAction.Where(a => a.Value == "deleted").Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        var reported = lastAction.Where(a => a.Value != "deleted").Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        return new EventOutcome(deleted, reported, sectionReloads);
    }

    /// <summary>
    /// Takes <paramref name="projectGid"/> out of every task's placements (the project is gone or its tasks unreadable).
    /// </summary>
    /// <returns>Top-level tasks left in no project: they are re-read, as they may be project-less now or deleted.</returns>
    public static IReadOnlyList<string> StripProject(IDictionary<string, TaskState> tasks, string projectGid)
    {
        var stripped = tasks.Where(t => t.Value.Record.Memberships.Any(m => m.ProjectGid == projectGid)).ToList();
        var orphaned = new List<string>();
        foreach (var (gid, state) in stripped)
        {
            var remaining = state.Record.Memberships.Where(m => m.ProjectGid != projectGid).ToList();
            tasks[gid] = state with { Record = state.Record with { Memberships = remaining } };
            if (remaining.Count == 0 && state.Record.ParentGid is null)
            {
                orphaned.Add(gid);
            }
        }

        orphaned.Sort(StringComparer.Ordinal);
        return orphaned;
    }

    /// <summary>Stored tasks of a re-crawled project that its listing no longer returned: re-read them.</summary>
    public IEnumerable<string> NoLongerListed(string projectGid, IReadOnlySet<string> listed) =>
        _storedByProject[projectGid].Where(g => !listed.Contains(g));

    /// <summary>Stored project-less top-level tasks that no assignee listing returned: re-read (deleted, unassigned, or re-homed).</summary>
    public IEnumerable<string> UnassignedProjectless(IReadOnlySet<string> assigned) =>
        Stored.Where(t => t.Value.Record.Memberships.Count == 0 && t.Value.Record.ParentGid is null && !assigned.Contains(t.Key))
            .Select(t => t.Key);

    /// <summary>
    /// Whether a re-read task's subtasks are listed again: it has subtasks or had some, and it is new or its
    /// <c>num_subtasks</c> changed.
    /// </summary>
    public bool SubtasksChanged(string taskGid, int numSubtasks)
    {
        var known = Stored.TryGetValue(taskGid, out var before);
        var hadChildren = known && before!.NumSubtasks > 0;
        return (numSubtasks > 0 || hadChildren) && (!known || before!.NumSubtasks != numSubtasks);
    }

    /// <summary>
    /// Whether a re-read task leaves the store because it aged out of the lookback window: no listing returns it any more
    /// (a full sync would not read it). A task an event reported is kept however old its <c>modified_at</c>.
    /// </summary>
    public static bool AgedOut(AsanaTask task, RefetchReason reason, DateTimeOffset? modifiedSince) =>
        reason == RefetchReason.Unlisted && task.Parent is null && modifiedSince is { } since && task.ModifiedAt is { } modified && modified < since;

    /// <summary>
    /// Stored tasks with subtasks that are in no project: a project's event stream covers its tasks and their direct
    /// subtasks, nothing deeper, and project-less tasks have no stream, so their subtasks are listed again. Below
    /// project-less tasks this follows their rescan interval; tasks deleted with an ancestor are left out.
    /// </summary>
    public IEnumerable<string> UnstreamedParents(IReadOnlySet<string> deleted, bool projectlessScanned)
    {
        var doomed = Subtrees(deleted);
        return Stored.Where(t => t.Value.NumSubtasks > 0 && t.Value.Record.Memberships.Count == 0 && !doomed.Contains(t.Key)
            && !UnderProjectless(t.Key, projectlessScanned)).Select(t => t.Key);
    }

    /// <summary>
    /// Stored tasks that nothing in this sync covered: no fresh record, no live event stream over it or its parent, no fresh
    /// listing of its parent's subtasks. They are re-read (a 404 deletes): for example subtasks whose parent the token
    /// cannot open. Below project-less tasks this follows their rescan interval.
    /// </summary>
    public IEnumerable<string> Uncovered(CoverageInputs inputs, bool projectlessScanned)
    {
        bool InStream(TaskState state) => state.Record.Memberships.Any(m => inputs.StreamedProjects.Contains(m.ProjectGid));
        var doomed = Subtrees(inputs.Deleted);
        foreach (var (gid, state) in Stored)
        {
            if (doomed.Contains(gid) || inputs.Refetched.Contains(gid) || inputs.Fresh.Contains(gid) || InStream(state)
                || UnderProjectless(gid, projectlessScanned))
            {
                continue;
            }

            var parent = state.Record.ParentGid;
            if (parent is not null && (inputs.Relisted.Contains(parent) || (inputs.Current.TryGetValue(parent, out var p) && InStream(p))))
            {
                continue;
            }

            yield return gid;
        }
    }

    /// <summary>The given tasks and every stored descendant of theirs.</summary>
    public IReadOnlySet<string> Subtrees(IEnumerable<string> roots) => Descendants(roots, _storedChildren);

    /// <summary>The given tasks and every descendant of theirs in <paramref name="tasks"/>: what a deletion takes with it.</summary>
    public static IReadOnlySet<string> WithDescendants(IEnumerable<string> roots, IReadOnlyDictionary<string, TaskState> tasks) =>
        Descendants(roots, tasks.Values.Where(t => t.Record.ParentGid is not null).ToLookup(t => t.Record.ParentGid!, t => t.Record.Gid, StringComparer.Ordinal));

    private static HashSet<string> Descendants(IEnumerable<string> roots, ILookup<string, string> childrenOf)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(roots);
        while (stack.TryPop(out var gid))
        {
            if (result.Add(gid))
            {
                foreach (var child in childrenOf[gid])
                {
                    stack.Push(child);
                }
            }
        }

        return result;
    }

    /// <summary>Whether the stored task's top-level ancestor is a stored task in no project; never when the project-less scan ran.</summary>
    private bool UnderProjectless(string gid, bool projectlessScanned) =>
        !projectlessScanned && (_projectlessSubtrees ??= ProjectlessSubtrees()).Contains(gid);

    private HashSet<string> ProjectlessSubtrees()
    {
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool IsUnderProjectless(string gid)
        {
            var path = new List<string>();
            var answer = false;
            for (var node = gid; ;)
            {
                if (known.TryGetValue(node, out var cached))
                {
                    answer = cached;
                    break;
                }

                if (!Stored.TryGetValue(node, out var state) || path.Contains(node))
                {
                    break; // parent not stored, or a cycle: not a project-less tree we know
                }

                path.Add(node);
                if (state.Record.ParentGid is not { } parent)
                {
                    answer = state.Record.Memberships.Count == 0;
                    break;
                }

                node = parent;
            }

            foreach (var visited in path)
            {
                known[visited] = answer;
            }

            return answer;
        }

        return Stored.Keys.Where(IsUnderProjectless).ToHashSet(StringComparer.Ordinal);
    }
}
