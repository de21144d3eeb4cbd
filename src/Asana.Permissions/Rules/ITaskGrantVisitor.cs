namespace Asana.Permissions.Rules;

/// <summary>Sees the grants of a task and its ancestors in turn (see <see cref="GrantWalker.VisitTask"/>). Each method returns true to stop the walk.</summary>
internal interface ITaskGrantVisitor
{
    /// <summary>A task of the chain: the target first, then each ancestor (subtasks inherit from their parent).</summary>
    void Node(int task);

    /// <summary>Task rule 1: a distinct assignee or follower of <paramref name="task"/>.</summary>
    bool Collaborator(int task, int user);

    /// <summary>
    /// Task rule 2: a project that holds <paramref name="task"/>, possibly one that was never read (it grants nothing:
    /// <see cref="GrantWalker.VisitProject"/> reports no grant for it). The visitor expands it if it needs to.
    /// </summary>
    bool Project(int task, int project);

    /// <summary>The project-less opt-in: <paramref name="task"/> has no placement and no parent (only when the option is on).</summary>
    bool Projectless(int task);
}
