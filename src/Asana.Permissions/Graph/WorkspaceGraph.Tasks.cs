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
    // Writer-only scratch space: writes are single-threaded by contract.
    private readonly List<int> _scratchProjects = [];
    private readonly List<int> _scratchUsers = [];

    public GidIndex TaskIds { get; }

    public TaskRecord?[] TaskRecords = [];

    public Ticket?[] Tickets = [];

    /// <summary>Distinct project indices, then distinct collaborator (assignee, follower) user indices.</summary>
    public int[][] TaskLinks = [];

    public int[] TaskProjectCount = [];

    /// <summary>Parent task index (possibly a placeholder without a record), or -1.</summary>
    public int[] TaskParent = [];

    public int[] TaskFirstChild = [];

    public int[] TaskNextSibling = [];

    public int ExistingTaskCount { get; private set; }

    public bool TaskExists(int task) => TaskRecords[task] is not null;

    /// <summary>Project-less in the rules' sense: no placement and no parent.</summary>
    public bool IsProjectless(int task) => TaskProjectCount[task] == 0 && TaskParent[task] < 0;

    public ReadOnlySpan<int> TaskProjects(int task) => TaskLinks[task].AsSpan(0, TaskProjectCount[task]);

    public ReadOnlySpan<int> TaskCollaborators(int task) => TaskLinks[task].AsSpan(TaskProjectCount[task]);

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

        AttachTask(index, record);
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
        var indices = new int[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            indices[i] = InternTask(tasks[i].Gid);
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            if (TaskExists(indices[i]))
            {
                DetachTask(indices[i]);
            }

            AttachTask(indices[i], tasks[i]);
        }
    }

    private void AttachTask(int task, TaskRecord record)
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

        var links = projects.Count + users.Count == 0 ? NoIndices : new int[projects.Count + users.Count];
        projects.CopyTo(links);
        users.CopyTo(links, projects.Count);
        foreach (var project in projects)
        {
            ProjectTasks[project].Add(task);
        }

        foreach (var user in users)
        {
            UserCollaborations[user].Add(task);
        }

        if (record.ParentGid is { } parentGid)
        {
            var parent = InternTask(parentGid);
            TaskParent[task] = parent;
            TaskNextSibling[task] = TaskFirstChild[parent];
            TaskFirstChild[parent] = task;
        }

        TaskLinks[task] = links;
        TaskProjectCount[task] = projects.Count;
        TaskRecords[task] = record;
        Tickets[task] = TicketFactory.Create(this, record, links.AsSpan(0, projects.Count), links.AsSpan(projects.Count));
        ExistingTaskCount++;
    }

    private void DetachTask(int task)
    {
        foreach (var project in TaskProjects(task))
        {
            ProjectTasks[project].Remove(task);
        }

        foreach (var user in TaskCollaborators(task))
        {
            UserCollaborations[user].Remove(task);
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
        TaskLinks[task] = NoIndices;
        TaskProjectCount[task] = 0;
        TaskRecords[task] = null;
        Tickets[task] = null;
        ExistingTaskCount--;
    }

    private void GrowTasks()
    {
        var capacity = TaskIds.Capacity;
        var old = TaskLinks.Length;
        Grow(ref TaskRecords, capacity);
        Grow(ref Tickets, capacity);
        Grow(ref TaskLinks, capacity);
        Grow(ref TaskProjectCount, capacity);
        GrowFilled(ref TaskParent, capacity, -1);
        GrowFilled(ref TaskFirstChild, capacity, -1);
        GrowFilled(ref TaskNextSibling, capacity, -1);
        TaskLinks.AsSpan(old).Fill(NoIndices);
    }
}
