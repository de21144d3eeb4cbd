using Asana.Simulator.Model;

namespace Asana.Simulator;

public sealed partial class SimulatedOrganization
{
    private long _nextTaskOrdinal;

    /// <summary>
    /// Assignee gid → the user's tasks in creation order (as in <see cref="TaskList"/>): a user's assigned-task list
    /// reads it instead of scanning every task, which at a million tasks and thousands of users does not scale.
    /// </summary>
    private Dictionary<string, List<SimTask>> TasksByAssignee { get; } = new(StringComparer.Ordinal);

    /// <summary>The tasks assigned to a user, in creation order (caller holds <see cref="Gate"/>).</summary>
    internal IReadOnlyList<SimTask> AssignedTasks(string userGid) =>
        TasksByAssignee.TryGetValue(userGid, out var tasks) ? tasks : [];

    /// <summary>Moves a task in the index from its previous assignee to its current one.</summary>
    private void IndexAssignee(SimTask task, string? previousAssignee)
    {
        UnindexAssignee(task, previousAssignee);
        if (task.AssigneeGid is null)
        {
            return;
        }

        if (!TasksByAssignee.TryGetValue(task.AssigneeGid, out var tasks))
        {
            TasksByAssignee[task.AssigneeGid] = tasks = [];
        }

        var at = tasks.Count;
        while (at > 0 && tasks[at - 1].Ordinal > task.Ordinal)
        {
            at--;
        }

        tasks.Insert(at, task);
    }

    private void UnindexAssignee(SimTask task, string? assignee)
    {
        if (assignee is not null && TasksByAssignee.TryGetValue(assignee, out var tasks))
        {
            tasks.Remove(task);
        }
    }
}
