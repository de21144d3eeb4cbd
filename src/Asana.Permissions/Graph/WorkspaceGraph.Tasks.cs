using System.Runtime.InteropServices;
using Asana.Permissions.Indexing;
using Asana.Permissions.Mapping;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Graph;

/// <summary>
/// Tasks and subtasks: per-task links (distinct projects first, then distinct collaborators), the parent index, an
/// intrusive child list (first child / next sibling) and the Merge ticket.
/// </summary>
internal sealed partial class WorkspaceGraph
{
    private const int ParentCacheSize = 64;

    // Writer-only scratch space: writes are single-threaded by contract.
    private readonly List<int> _scratchProjects = [];
    private readonly List<int> _scratchUsers = [];

    // Siblings share their parent's INHERITED object; siblings arrive close together, so a small cache keyed by
    // parent index finds it without a slot per task.
    private readonly ParentPermissions[] _parentPermissions = new ParentPermissions[ParentCacheSize];

    public GidIndex TaskIds { get; }

    public TaskRecord?[] TaskRecords = [];

    public Ticket?[] Tickets = [];

    /// <summary>Per task: distinct project indices, then distinct collaborator (assignee, follower) user indices.</summary>
    public readonly SlicePool TaskLinks = new();

    public int[] TaskProjectCount = [];

    /// <summary>Parent task index (possibly a placeholder without a record), or -1.</summary>
    public int[] TaskParent = [];

    public int[] TaskFirstChild = [];

    public int[] TaskNextSibling = [];

    public int ExistingTaskCount { get; private set; }

    public bool TaskExists(int task) => TaskRecords[task] is not null;

    /// <summary>Project-less in the rules' sense: no placement and no parent.</summary>
    public bool IsProjectless(int task) => TaskProjectCount[task] == 0 && TaskParent[task] < 0;

    public ReadOnlySpan<int> TaskProjects(int task) => TaskLinks[task][..TaskProjectCount[task]];

    public ReadOnlySpan<int> TaskCollaborators(int task) => TaskLinks[task][TaskProjectCount[task]..];

    /// <summary>The INHERITED object naming the parent ticket, shared by the parent's subtasks.</summary>
    public Permission InheritFromParent(int parent, string parentGid) => ParentEntry(parent, parentGid).Permission;

    /// <summary>A permission list holding only <see cref="InheritFromParent"/>.</summary>
    public Permission[] InheritFromParentOnly(int parent, string parentGid)
    {
        ref var entry = ref ParentEntry(parent, parentGid);
        return entry.Only ??= [entry.Permission];
    }

    public int InternTask(string gid)
    {
        var index = TaskIds.Intern(gid);
        if (index >= TaskRecords.Length)
        {
            GrowTasks();
        }

        return index;
    }

    /// <summary>Adds or replaces a task; its subtasks stay attached to it.</summary>
    public int UpsertTask(TaskRecord record)
    {
        var index = InternTask(record.Gid);
        if (TaskExists(index))
        {
            DetachTask(index);
        }

        AttachTask(index, record, indexLinks: true);
        return index;
    }

    /// <summary>Removes a task and every descendant; returns the removed indices.</summary>
    public List<int> RemoveTaskTree(int root)
    {
        var removed = new List<int>();
        if (!TaskExists(root))
        {
            return removed;
        }

        var visited = new HashSet<int> { root };
        removed.Add(root);
        for (var i = 0; i < removed.Count; i++)
        {
            for (var child = TaskFirstChild[removed[i]]; child >= 0; child = TaskNextSibling[child])
            {
                if (visited.Add(child))
                {
                    removed.Add(child);
                }
            }
        }

        foreach (var task in removed)
        {
            DetachTask(task);
        }

        return removed;
    }

    private void LoadTasks(IReadOnlyList<TaskRecord> tasks)
    {
        // Interning every gid first keeps parents dense and ahead of placeholders.
        var before = TaskIds.Count;
        var indices = new int[tasks.Count];
        var links = 0L;
        for (var i = 0; i < tasks.Count; i++)
        {
            var record = tasks[i];
            indices[i] = InternTask(record.Gid);
            links += record.Memberships.Count + record.FollowerGids.Count + (record.AssigneeGid is null ? 0 : 1);
        }

        if (TaskIds.Count - before != tasks.Count)
        {
            // Some gid repeats (or was already known): replace record by record, exactly as updates do.
            for (var i = 0; i < tasks.Count; i++)
            {
                if (TaskExists(indices[i]))
                {
                    DetachTask(indices[i]);
                }

                AttachTask(indices[i], tasks[i], indexLinks: true);
            }

            return;
        }

        // Every task is new: attach them all, then index project -> tasks and user -> tasks in two passes (count,
        // then fill), so each list is laid out once with exactly its room.
        TaskLinks.EnsureFree((int)Math.Min(links, Array.MaxLength));
        for (var i = 0; i < tasks.Count; i++)
        {
            AttachTask(indices[i], tasks[i], indexLinks: false);
        }

        var perProject = new int[ProjectTasks.KeyCapacity];
        var perUser = new int[UserCollaborations.KeyCapacity];
        foreach (var task in indices)
        {
            foreach (var project in TaskProjects(task))
            {
                perProject[project]++;
            }

            foreach (var user in TaskCollaborators(task))
            {
                perUser[user]++;
            }
        }

        ProjectTasks.ReserveAdditional(perProject);
        UserCollaborations.ReserveAdditional(perUser);
        foreach (var task in indices)
        {
            IndexLinks(task);
        }
    }

    private void IndexLinks(int task)
    {
        foreach (var project in TaskProjects(task))
        {
            ProjectTasks.Add(project, task);
        }

        foreach (var user in TaskCollaborators(task))
        {
            UserCollaborations.Add(user, task);
        }
    }

    private void AttachTask(int task, TaskRecord record, bool indexLinks)
    {
        var projects = _scratchProjects;
        projects.Clear();
        var placements = record.Memberships;
        for (var i = 0; i < placements.Count; i++)
        {
            var project = InternProject(placements[i].ProjectGid);
            if (!projects.Contains(project))
            {
                projects.Add(project);
            }
        }

        var users = _scratchUsers;
        users.Clear();
        if (record.AssigneeGid is { } assignee)
        {
            users.Add(InternUser(assignee));
        }

        var followers = record.FollowerGids;
        for (var i = 0; i < followers.Count; i++)
        {
            var user = InternUser(followers[i]);
            if (!users.Contains(user))
            {
                users.Add(user);
            }
        }

        TaskLinks.Set(task, CollectionsMarshal.AsSpan(projects), CollectionsMarshal.AsSpan(users));
        TaskProjectCount[task] = projects.Count;
        if (indexLinks)
        {
            IndexLinks(task);
        }

        var parent = -1;
        if (record.ParentGid is { } parentGid)
        {
            parent = InternTask(parentGid);
            TaskParent[task] = parent;
            TaskNextSibling[task] = TaskFirstChild[parent];
            TaskFirstChild[parent] = task;
        }

        TaskRecords[task] = record;
        Tickets[task] = TicketFactory.Create(this, record, CollectionsMarshal.AsSpan(projects), CollectionsMarshal.AsSpan(users), parent);
        ExistingTaskCount++;
    }

    private void DetachTask(int task)
    {
        foreach (var project in TaskProjects(task))
        {
            ProjectTasks.Remove(project, task);
        }

        foreach (var user in TaskCollaborators(task))
        {
            UserCollaborations.Remove(user, task);
        }

        var parent = TaskParent[task];
        if (parent >= 0)
        {
            if (TaskFirstChild[parent] == task)
            {
                TaskFirstChild[parent] = TaskNextSibling[task];
            }
            else
            {
                var previous = TaskFirstChild[parent];
                while (previous >= 0 && TaskNextSibling[previous] != task)
                {
                    previous = TaskNextSibling[previous];
                }

                if (previous >= 0)
                {
                    TaskNextSibling[previous] = TaskNextSibling[task];
                }
            }
        }

        TaskParent[task] = -1;
        TaskNextSibling[task] = -1;
        TaskLinks.Clear(task);
        TaskProjectCount[task] = 0;
        TaskRecords[task] = null;
        Tickets[task] = null;
        ExistingTaskCount--;
    }

    private ref ParentPermissions ParentEntry(int parent, string parentGid)
    {
        // The object depends on the parent gid alone, and parent indices and gids correspond one to one.
        ref var entry = ref _parentPermissions[parent & (ParentCacheSize - 1)];
        if (entry.Permission is null || entry.Parent != parent)
        {
            entry = new ParentPermissions(parent, MergeShapes.InheritFromTicket(parentGid));
        }

        return ref entry;
    }

    private void GrowTasks()
    {
        var capacity = TaskIds.Capacity;
        Grow(ref TaskRecords, capacity);
        Grow(ref Tickets, capacity);
        TaskLinks.GrowKeys(capacity);
        Grow(ref TaskProjectCount, capacity);
        GrowFilled(ref TaskParent, capacity, -1);
        GrowFilled(ref TaskFirstChild, capacity, -1);
        GrowFilled(ref TaskNextSibling, capacity, -1);
    }

    private struct ParentPermissions(int parent, Permission permission)
    {
        public readonly int Parent = parent;
        public readonly Permission Permission = permission;
        public Permission[]? Only;
    }
}
