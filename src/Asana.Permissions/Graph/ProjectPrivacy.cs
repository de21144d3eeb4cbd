namespace Asana.Permissions.Graph;

/// <summary>The three privacy levels that change who can open a project.</summary>
internal enum ProjectPrivacy : byte
{
    /// <summary>Members only (also any value Asana may add later: never over-grant).</summary>
    Private,

    /// <summary><c>private_to_team</c>: members and the members of <c>project.team</c>.</summary>
    Team,

    /// <summary><c>public_to_workspace</c>: as Team, plus every non-guest member.</summary>
    Public,
}
