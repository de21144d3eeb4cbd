using Asana.Permissions.Graph;

namespace Asana.Permissions.Rules;

/// <summary>One way into one project, as <see cref="GrantWalker.VisitProject"/> reports it.</summary>
/// <param name="Kind">The rule.</param>
/// <param name="Project">The project index.</param>
/// <param name="Principal">The user or team index the rule names; <see cref="None"/> for <see cref="ProjectGrantKind.Workspace"/>.</param>
/// <param name="Portfolio">The portfolio index for the portfolio kinds; <see cref="None"/> otherwise.</param>
internal readonly record struct ProjectGrant(ProjectGrantKind Kind, int Project, int Principal, int Portfolio)
{
    /// <summary>No index: the field does not apply to the grant's kind.</summary>
    public const int None = -1;

    /// <summary>Whether the grant reaches <paramref name="user"/> (activity is the caller's check).</summary>
    public bool Reaches(WorkspaceGraph graph, int user) => Kind switch
    {
        ProjectGrantKind.UserMember or ProjectGrantKind.PortfolioUser => Principal == user,
        ProjectGrantKind.Workspace => !graph.IsGuest(user),
        ProjectGrantKind.TeamMember or ProjectGrantKind.ProjectTeam or ProjectGrantKind.PortfolioTeam => graph.UserTeams[user].Contains(Principal),
        // A kind this switch does not know grants nothing: when in doubt, deny.
        // Stryker disable once all: equivalent, every kind is listed above, so no input reaches this arm.
        _ => false,
    };

    /// <summary>Whether <see cref="Principal"/> is a team whose full-access members the grant reaches.</summary>
    public bool IsTeam => Kind is ProjectGrantKind.TeamMember or ProjectGrantKind.ProjectTeam or ProjectGrantKind.PortfolioTeam;
}
