namespace Asana.Permissions.Rules;

/// <summary>The ways a project can be opened (permission-rules §1), each naming who it reaches.</summary>
internal enum ProjectGrantKind : byte
{
    /// <summary>Rule 1: a user member of the project.</summary>
    UserMember,

    /// <summary>Rule 2: the full-access members of a team that is a member of the project.</summary>
    TeamMember,

    /// <summary>Rule 3: the full-access members of <c>project.team</c> of a team-only or organization-wide project.</summary>
    ProjectTeam,

    /// <summary>Rule 4: every non-guest member of the workspace (<c>public_to_workspace</c>).</summary>
    Workspace,

    /// <summary>A user member of a portfolio that shares the project's access.</summary>
    PortfolioUser,

    /// <summary>The full-access members of a team that is a member of a portfolio that shares the project's access.</summary>
    PortfolioTeam,
}
