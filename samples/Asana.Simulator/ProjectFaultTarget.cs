namespace Asana.Simulator;

/// <summary>Which reads about a project <see cref="FaultInjector.FailProject"/> refuses.</summary>
[Flags]
public enum ProjectFaultTarget
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary><c>/memberships?parent=</c> and <c>/projects/{gid}/project_memberships</c>.</summary>
    Memberships = 1,

    /// <summary><c>/projects/{gid}/tasks</c> and <c>/tasks?project=</c>.</summary>
    Tasks = 2,

    /// <summary><c>/projects/{gid}/sections</c>.</summary>
    Sections = 4,

    /// <summary><c>/projects/{gid}</c>, <c>/projects/{gid}/project_portfolio_settings</c> and <c>/events?resource={gid}</c>.</summary>
    Project = 8,

    /// <summary>All of the above.</summary>
    All = Memberships | Tasks | Sections | Project,
}
