using System.Net;
using Asana.Client;
using Asana.Client.Models;

namespace Asana.Sync.Internal;

/// <summary>
/// Holds whatever <see cref="IAsanaClient"/> the sync is given to the contract <see cref="AsanaClient"/> keeps: every
/// record, and every compact record nested in one, has a gid. <see cref="AsanaClient"/> already fails on a record
/// without one, naming the endpoint; another implementation (a host's fake, a cache) might hand it over, and a null gid
/// would then end deep in the sync as a raw <see cref="ArgumentNullException"/> (a dictionary key, a client argument)
/// or a silently skipped record. Each check fails with the client's own line instead, which stops the sync unchanged.
/// </summary>
internal static class GidCheck
{
    public static void Require(AsanaWorkspace workspace, string source) => Gid(workspace.Gid, "a workspace", source);

    public static void Require(IEnumerable<AsanaUser> users, string source)
    {
        foreach (var user in users)
        {
            Gid(user?.Gid, "a user", source);
        }
    }

    public static void Require(IEnumerable<AsanaWorkspaceMembership> memberships, string source)
    {
        foreach (var membership in memberships)
        {
            Gid(membership?.Gid, "a workspace membership", source);
            Reference(membership!.User, "a workspace membership's 'user'", source, required: true);
        }
    }

    public static void Require(IEnumerable<AsanaTeam> teams, string source)
    {
        foreach (var team in teams)
        {
            Gid(team?.Gid, "a team", source);
        }
    }

    public static void Require(IEnumerable<AsanaTeamMembership> memberships, string source)
    {
        foreach (var membership in memberships)
        {
            Gid(membership?.Gid, "a team membership", source);
            Reference(membership!.User, "a team membership's 'user'", source, required: true);
            Reference(membership.Team, "a team membership's 'team'", source, required: false);
        }
    }

    public static void Require(IEnumerable<AsanaProject> projects, string source)
    {
        foreach (var project in projects)
        {
            Gid(project?.Gid, "a project", source);
            Reference(project!.Team, "a project's 'team'", source, required: false);
        }
    }

    public static void Require(IEnumerable<AsanaMembership> memberships, string source)
    {
        foreach (var membership in memberships)
        {
            Gid(membership?.Gid, "a membership", source);
            Reference(membership!.Parent, "a membership's 'parent'", source, required: false);
            Reference(membership.Member, "a membership's 'member'", source, required: true);
        }
    }

    public static void Require(IEnumerable<AsanaPortfolio> portfolios, string source)
    {
        foreach (var portfolio in portfolios)
        {
            Gid(portfolio?.Gid, "a portfolio", source);
        }
    }

    public static void Require(IEnumerable<AsanaProjectPortfolioSetting> settings, string source)
    {
        foreach (var setting in settings)
        {
            Gid(setting?.Gid, "a project portfolio setting", source);
            Reference(setting!.Project, "a project portfolio setting's 'project'", source, required: true);
            Reference(setting.Portfolio, "a project portfolio setting's 'portfolio'", source, required: false);
        }
    }

    public static void Require(IEnumerable<AsanaSection> sections, string source)
    {
        foreach (var section in sections)
        {
            Gid(section?.Gid, "a section", source);
            Reference(section!.Project, "a section's 'project'", source, required: false);
        }
    }

    public static void Require(IEnumerable<AsanaTask> tasks, string source)
    {
        foreach (var task in tasks)
        {
            Require(task, source);
        }
    }

    public static void Require(AsanaTask? task, string source)
    {
        Gid(task?.Gid, "a task", source);
        Reference(task!.Assignee, "a task's 'assignee'", source, required: false);
        Reference(task.Parent, "a task's 'parent'", source, required: false);
        foreach (var follower in task.Followers ?? [])
        {
            Reference(follower, "a task's 'followers'", source, required: true);
        }

        foreach (var membership in task.Memberships ?? [])
        {
            // An entry without a project is kept (Asana may add other kinds of membership); one with a blank gid is not.
            Reference(membership?.Project, "a task membership's 'project'", source, required: false);
            Reference(membership?.Section, "a task membership's 'section'", source, required: false);
        }
    }

    public static void Require(IEnumerable<AsanaEvent> events, string source)
    {
        foreach (var ev in events)
        {
            // An event that names nothing could be the removal that revokes a grant.
            Reference(ev?.Resource, "an event's 'resource'", source, required: true);
            Reference(ev!.Parent, "an event's 'parent'", source, required: false);
            Reference(ev.User, "an event's 'user'", source, required: false);
        }
    }

    private static void Reference(AsanaReference? reference, string kind, string source, bool required)
    {
        if (reference is not null || required)
        {
            Gid(reference?.Gid, kind, source);
        }
    }

    // The line AsanaClient gives for the same answer, so the sync's message is the same whichever client read it.
    private static void Gid(string? gid, string kind, string source)
    {
        if (string.IsNullOrWhiteSpace(gid))
        {
            throw new AsanaApiException(HttpStatusCode.OK, [new AsanaError($"Asana returned {kind} without a 'gid' from {source}")], source);
        }
    }
}
