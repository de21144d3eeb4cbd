using Asana.Permissions.Graph;

namespace Asana.Permissions.Rules;

/// <summary>
/// The one place permission-rules §1 is walked: a task's parent chain with its collaborators and projects, and each
/// project's grants. <c>CanView</c>, <c>Principals</c>, the principal tokens, the Merge-level checks and <c>Explain</c>
/// all visit the same walk, so they cannot disagree. Visitors are structs: the walk is specialised per visitor and
/// allocates nothing unless a parent chain is longer than <see cref="ExactCycleCheckDepth"/>.
/// </summary>
internal static class GrantWalker
{
    /// <summary>Chains up to this long are checked for cycles on the stack; longer ones fall back to a set.</summary>
    public const int ExactCycleCheckDepth = 16;

    /// <summary>
    /// Walks <paramref name="task"/> and its ancestors; a parent cycle ends the walk at the first repeated task, and a
    /// parent that does not exist ends it too. Returns true when the visitor stopped the walk.
    /// </summary>
    public static bool VisitTask<T>(WorkspaceGraph graph, int task, bool projectlessOptIn, ref T visitor)
        where T : struct, ITaskGrantVisitor
    {
        var path = default(ChainBuffer);
        HashSet<int>? longPath = null;
        var depth = 0;
        for (var node = task; node >= 0 && graph.TaskExists(node); node = graph.TaskParent[node])
        {
            if (depth < ExactCycleCheckDepth)
            {
                // Chains are short (Asana nests five levels at most): a plain scan beats any set.
                for (var i = 0; i < depth; i++)
                {
                    if (path[i] == node)
                    {
                        return false;
                    }
                }

                path[depth] = node;
            }
            else if (!(longPath ??= [.. path]).Add(node))
            {
                return false;
            }

            depth++;
            visitor.Node(node);

            foreach (var collaborator in graph.TaskCollaborators(node))
            {
                if (visitor.Collaborator(node, collaborator))
                {
                    return true;
                }
            }

            foreach (var project in graph.TaskProjects(node))
            {
                if (visitor.Project(node, project))
                {
                    return true;
                }
            }

            if (projectlessOptIn && graph.IsProjectless(node) && visitor.Projectless(node))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reports every grant of an existing project: user members, member teams, <c>project.team</c> (team-only and
    /// organization-wide), the workspace (organization-wide), and each portfolio that shares its access with its users
    /// and teams. Returns true when the visitor stopped the walk.
    /// </summary>
    public static bool VisitProject<T>(WorkspaceGraph graph, int project, ref T visitor)
        where T : struct, IProjectGrantVisitor
    {
        if (!graph.ProjectExists(project))
        {
            return false;
        }

        foreach (var user in graph.ProjectMemberUsers[project])
        {
            if (visitor.Grant(new ProjectGrant(ProjectGrantKind.UserMember, project, user, ProjectGrant.None)))
            {
                return true;
            }
        }

        foreach (var team in graph.ProjectMemberTeams[project])
        {
            if (visitor.Grant(new ProjectGrant(ProjectGrantKind.TeamMember, project, team, ProjectGrant.None)))
            {
                return true;
            }
        }

        var privacy = graph.ProjectPrivacies[project];
        var projectTeam = graph.ProjectTeam[project];
        if (privacy != ProjectPrivacy.Private && projectTeam >= 0
            && visitor.Grant(new ProjectGrant(ProjectGrantKind.ProjectTeam, project, projectTeam, ProjectGrant.None)))
        {
            return true;
        }

        if (privacy == ProjectPrivacy.Public && visitor.Grant(new ProjectGrant(ProjectGrantKind.Workspace, project, ProjectGrant.None, ProjectGrant.None)))
        {
            return true;
        }

        foreach (var portfolio in graph.ProjectPortfolios[project].Items)
        {
            foreach (var user in graph.PortfolioMemberUsers[portfolio])
            {
                if (visitor.Grant(new ProjectGrant(ProjectGrantKind.PortfolioUser, project, user, portfolio)))
                {
                    return true;
                }
            }

            foreach (var team in graph.PortfolioMemberTeams[portfolio])
            {
                if (visitor.Grant(new ProjectGrant(ProjectGrantKind.PortfolioTeam, project, team, portfolio)))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
