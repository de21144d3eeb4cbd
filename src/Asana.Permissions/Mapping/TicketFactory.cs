using Asana.Permissions.Graph;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Mapping;

/// <summary>
/// Maps one task to its Merge ticket (permission-rules §2). Lists are shared wherever their content is shared
/// (the single-project INHERITED object, the <c>[project, section]</c> list, the assignee list), and gid strings
/// are the input's own, so a ticket costs a handful of small objects.
/// </summary>
internal static class TicketFactory
{
    /// <param name="graph">The graph the task is being attached to.</param>
    /// <param name="task">The task record.</param>
    /// <param name="projects">Its distinct project indices.</param>
    /// <param name="collaborators">Its distinct collaborator indices, the assignee (if any) first.</param>
    /// <param name="parent">The index of <c>task.ParentGid</c>, or -1.</param>
    public static Ticket Create(WorkspaceGraph graph, TaskRecord task, ReadOnlySpan<int> projects, ReadOnlySpan<int> collaborators, int parent)
    {
        // The assignee is the first collaborator: its shared one-user list serves as the assignee list.
        var assignees = task.AssigneeGid is null ? MergeShapes.Empty : graph.UserOnlyList(collaborators[0]);
        var collaboratorGids = CollaboratorGids(graph, assignees, collaborators);
        var collections = Collections(graph, task, projects);

        Permission? inherited = projects.Length switch
        {
            0 => null,
            1 => graph.InheritFromProject(projects[0]),
            _ => MergeShapes.InheritFromCollections(projects.Length == collections.Length ? collections : ProjectGids(graph, projects)),
        };

        var count = (collaboratorGids.Length > 0 ? 1 : 0) + (inherited is null ? 0 : 1) + (task.ParentGid is null ? 0 : 1);
        Permission[] permissions;
        if (count == 0)
        {
            permissions = MergeShapes.NoPermissions;
        }
        else if (count == 1 && inherited is not null && projects.Length == 1)
        {
            permissions = graph.InheritFromProjectOnly(projects[0]);
        }
        else if (count == 1 && task.ParentGid is not null)
        {
            permissions = graph.InheritFromParentOnly(parent, task.ParentGid);
        }
        else
        {
            permissions = new Permission[count];
            var next = 0;
            if (collaboratorGids.Length > 0)
            {
                permissions[next++] = collaborators.Length == 1
                    ? graph.AllowUserOnly(collaborators[0])
                    : MergeShapes.AllowUsers(collaboratorGids);
            }

            if (inherited is not null)
            {
                permissions[next++] = inherited;
            }

            if (task.ParentGid is not null)
            {
                permissions[next] = graph.InheritFromParent(parent, task.ParentGid);
            }
        }

        return new Ticket(
            task.Gid,
            task.Name,
            task.ParentGid is null ? MergeShapes.TaskTicketType : MergeShapes.SubtaskTicketType,
            task.ParentGid,
            collections,
            assignees,
            permissions,
            task.ModifiedAt,
            task.Notes,
            task.Completed ? TicketStatus.Closed : TicketStatus.Open,
            task.Details?.CompletedAt,
            DueDate(task.Details),
            task.Details?.CreatorGid,
            task.Details?.PermalinkUrl,
            TagGids(task.Details),
            task.Details?.CreatedAt);
    }

    /// <summary>Merge has one due date: Asana's due time when set, else its due day at midnight UTC.</summary>
    private static DateTimeOffset? DueDate(TaskDetails? details) =>
        details?.DueAt ?? (DateOnly.TryParseExact(details?.DueOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null);

    private static string[] TagGids(TaskDetails? details)
    {
        if (details is null || details.Tags.Count == 0)
        {
            return MergeShapes.Empty;
        }

        var gids = new string[details.Tags.Count];
        for (var i = 0; i < gids.Length; i++)
        {
            gids[i] = details.Tags[i].Gid;
        }

        return gids;
    }

    private static string[] CollaboratorGids(WorkspaceGraph graph, string[] assignees, ReadOnlySpan<int> collaborators)
    {
        // Stryker disable once Block: equivalent, an empty result either way; only the shared instance differs, and nobody reads it.
        if (collaborators.Length == 0)
        {
            return MergeShapes.Empty;
        }

        // One collaborator (often the assignee who follows their own task) shares that user's one-user list.
        // Stryker disable once Block: equivalent, the same content; a one-collaborator ticket uses AllowUserOnly, not this list.
        if (collaborators.Length == 1)
        {
            return graph.UserOnlyList(collaborators[0]);
        }

        var gids = new string[collaborators.Length];
        for (var i = 0; i < collaborators.Length; i++)
        {
            gids[i] = graph.UserIds.GidAt(collaborators[i]);
        }

        return gids;
    }

    private static string[] ProjectGids(WorkspaceGraph graph, ReadOnlySpan<int> projects)
    {
        var gids = new string[projects.Length];
        for (var i = 0; i < projects.Length; i++)
        {
            gids[i] = graph.ProjectIds.GidAt(projects[i]);
        }

        return gids;
    }

    /// <summary>The distinct projects, then the distinct sections, of the task's placements.</summary>
    private static string[] Collections(WorkspaceGraph graph, TaskRecord task, ReadOnlySpan<int> projects)
    {
        if (projects.Length == 0)
        {
            return MergeShapes.Empty;
        }

        string? firstSection = null;
        var sectionCount = 0;
        var placements = task.Memberships;
        for (var i = 0; i < placements.Count; i++)
        {
            if (placements[i].SectionGid is { } section && !string.Equals(section, firstSection, StringComparison.Ordinal))
            {
                // Stryker disable once Assignment: equivalent, remembering the latest section instead only over-counts, and the list is trimmed to what was filled.
                firstSection ??= section;
                sectionCount++;
            }
        }

        if (projects.Length == 1 && sectionCount == 0)
        {
            return graph.ProjectOnlyList(projects[0]);
        }

        if (projects.Length == 1 && sectionCount == 1)
        {
            return graph.ProjectSectionList(projects[0], firstSection!);
        }

        // sectionCount bounds the distinct sections from above (it only skips repeats of the first one).
        var list = new string[projects.Length + sectionCount];
        var count = 0;
        foreach (var project in projects)
        {
            list[count++] = graph.ProjectIds.GidAt(project);
        }

        for (var i = 0; i < placements.Count; i++)
        {
            if (placements[i].SectionGid is { } section && !list.AsSpan(0, count).Contains(section))
            {
                list[count++] = section;
            }
        }

        Array.Resize(ref list, count); // nothing to do when every slot was filled
        return list;
    }
}
