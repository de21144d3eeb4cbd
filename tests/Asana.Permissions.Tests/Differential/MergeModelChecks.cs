using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Tests.Differential;

/// <summary>Shape rules of permission-rules §2, checked on a whole exported model.</summary>
internal static class MergeShape
{
    public static IEnumerable<string> Check(WorkspaceData data, MergeModel model)
    {
        var ticketIds = model.Tickets.Select(t => t.RemoteId).ToList();
        if (!ticketIds.SequenceEqual(data.Tasks.Select(t => t.Gid).Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            yield return "tickets are not exactly the tasks, in ordinal order";
        }

        var knownProjects = data.Projects.Select(p => p.Gid).ToHashSet(StringComparer.Ordinal);
        foreach (var ticket in model.Tickets)
        {
            foreach (var problem in CheckPermissions($"ticket {ticket.RemoteId}", ticket.Permissions))
            {
                yield return problem;
            }

            var task = data.Tasks.FirstOrDefault(t => t.Gid == ticket.RemoteId);
            if (task is null)
            {
                continue;
            }

            var inheritedTickets = ticket.Permissions.Where(p => p.AppliedToTickets.Count > 0).ToList();
            if (task.ParentGid is not null)
            {
                if (ticket.TicketType != "subtask" || ticket.ParentTicket != task.ParentGid)
                {
                    yield return $"ticket {ticket.RemoteId}: subtask of {task.ParentGid} exported as {ticket.TicketType} with parent {ticket.ParentTicket ?? "null"}";
                }

                if (inheritedTickets.Count != 1
                    || inheritedTickets[0].Effect != PermissionEffect.Inherited
                    || !inheritedTickets[0].AppliedToTickets.SequenceEqual([task.ParentGid]))
                {
                    yield return $"ticket {ticket.RemoteId}: expected one INHERITED applied_to_tickets [{task.ParentGid}]";
                }
            }
            else
            {
                if (ticket.TicketType != "task" || ticket.ParentTicket is not null)
                {
                    yield return $"ticket {ticket.RemoteId}: top-level task exported as {ticket.TicketType} with parent {ticket.ParentTicket}";
                }

                if (inheritedTickets.Count > 0)
                {
                    yield return $"ticket {ticket.RemoteId}: top-level task inherits from a ticket";
                }
            }

            var taskProjects = task.Memberships.Select(m => m.ProjectGid).Where(knownProjects.Contains).ToHashSet(StringComparer.Ordinal);
            var inheritedCollections = ticket.Permissions.SelectMany(p => p.AppliedToCollections).ToHashSet(StringComparer.Ordinal);
            if (!taskProjects.IsSubsetOf(inheritedCollections))
            {
                yield return $"ticket {ticket.RemoteId}: in projects [{string.Join(",", taskProjects)}] but inherits from [{string.Join(",", inheritedCollections)}]";
            }

            var people = new HashSet<string>(task.FollowerGids, StringComparer.Ordinal);
            if (task.AssigneeGid is not null)
            {
                people.Add(task.AssigneeGid);
            }

            var allowedUsers = ticket.Permissions.Where(p => p.Effect == PermissionEffect.Allowed).SelectMany(p => p.AppliedToUsers).ToHashSet(StringComparer.Ordinal);
            if (!people.IsSubsetOf(allowedUsers))
            {
                yield return $"ticket {ticket.RemoteId}: assignee+followers [{string.Join(",", people)}] not all in ALLOWED users [{string.Join(",", allowedUsers)}]";
            }

            if (task.Memberships.Count == 0 && task.ParentGid is null && people.Count == 0 && ticket.Permissions.Count > 0)
            {
                yield return $"ticket {ticket.RemoteId}: project-less task without collaborators has permission objects";
            }
        }

        foreach (var collection in model.Collections)
        {
            foreach (var problem in CheckPermissions($"collection {collection.RemoteId}", collection.Permissions))
            {
                yield return problem;
            }

            if (collection.CollectionType == CollectionType.List)
            {
                var section = data.Sections.FirstOrDefault(s => s.Gid == collection.RemoteId);
                if (section is not null
                    && !(collection.ParentCollection == section.ProjectGid
                         && collection.Permissions.Count == 1
                         && collection.Permissions[0].Effect == PermissionEffect.Inherited
                         && collection.Permissions[0].AppliedToCollections.SequenceEqual([section.ProjectGid])))
                {
                    yield return $"section {collection.RemoteId}: expected one INHERITED applied_to_collections [{section.ProjectGid}]";
                }
            }
            else
            {
                var project = data.Projects.FirstOrDefault(p => p.Gid == collection.RemoteId);
                if (project is null)
                {
                    yield return $"collection {collection.RemoteId}: PROJECT not in the data";
                    continue;
                }

                var roleObjects = collection.Permissions.Where(p => p.AppliedToRoles.Count > 0).ToList();
                var isPublic = project.PrivacySetting == PrivacySettings.PublicToWorkspace;
                if (isPublic && (roleObjects.Count != 1 || !roleObjects[0].AppliedToRoles.Order(StringComparer.Ordinal).SequenceEqual([RoleIds.Admin, RoleIds.Member])))
                {
                    yield return $"project {project.Gid}: public_to_workspace without exactly one ALLOWED roles [ADMIN, MEMBER]";
                }

                if (!isPublic && roleObjects.Count > 0)
                {
                    yield return $"project {project.Gid}: {project.PrivacySetting} grants roles [{string.Join(",", roleObjects.SelectMany(r => r.AppliedToRoles))}]";
                }

                // Up to three objects of its own (roles, teams, users), plus one for the users and one for the teams of
                // each listed portfolio that shares the project's access.
                var sharing = data.ProjectPortfolioSettings
                    .Where(s => s.ProjectGid == project.Gid && s.IsAccessControlInherited && data.Portfolios.Any(p => p.Gid == s.PortfolioGid))
                    .Select(s => s.PortfolioGid).Distinct().ToList();
                var portfolioObjects = sharing.Sum(p =>
                    (data.PortfolioMemberships.Any(m => m.PortfolioGid == p && m.MemberKind == MemberKind.User) ? 1 : 0)
                    + (data.PortfolioMemberships.Any(m => m.PortfolioGid == p && m.MemberKind == MemberKind.Team) ? 1 : 0));
                if (collection.Permissions.Count > 3 + portfolioObjects)
                {
                    yield return $"project {project.Gid}: {collection.Permissions.Count} permission objects (at most {3 + portfolioObjects})";
                }
            }
        }

        if (model.Collections.Count != data.Projects.Count + data.Sections.Count(s => knownProjects.Contains(s.ProjectGid)))
        {
            yield return $"{model.Collections.Count} collections for {data.Projects.Count} projects and {data.Sections.Count} sections";
        }
    }

    private static IEnumerable<string> CheckPermissions(string owner, IReadOnlyList<Permission> permissions)
    {
        foreach (var p in permissions)
        {
            var lists = p.AppliedToUsers.Count + p.AppliedToRoles.Count + p.AppliedToTeams.Count + p.AppliedToCollections.Count + p.AppliedToTickets.Count;
            if (lists == 0)
            {
                yield return $"{owner}: permission with every applied_to list empty";
            }

            if (p.Effect == PermissionEffect.Allowed)
            {
                if (!p.Actions.SequenceEqual([PermissionActions.View]))
                {
                    yield return $"{owner}: ALLOWED with actions [{string.Join(",", p.Actions)}]";
                }

                if (p.AppliedToCollections.Count + p.AppliedToTickets.Count > 0)
                {
                    yield return $"{owner}: ALLOWED that inherits from collections or tickets";
                }
            }
            else
            {
                if (p.Actions.Count != 0)
                {
                    yield return $"{owner}: INHERITED with actions [{string.Join(",", p.Actions)}]";
                }

                if (p.AppliedToUsers.Count + p.AppliedToRoles.Count + p.AppliedToTeams.Count > 0)
                {
                    yield return $"{owner}: INHERITED naming users, roles or teams";
                }
            }
        }
    }
}

/// <summary>Evaluates an exported model the way Merge does (AND across filled lists, OR within one list).</summary>
internal sealed class MergeEvaluator
{
    private readonly Dictionary<string, Ticket> _tickets;
    private readonly Dictionary<string, Collection> _collections;
    private readonly Dictionary<string, User> _users;

    public MergeEvaluator(MergeModel model)
    {
        _tickets = model.Tickets.ToDictionary(t => t.RemoteId, StringComparer.Ordinal);
        _collections = model.Collections.ToDictionary(c => c.RemoteId, StringComparer.Ordinal);
        _users = model.Users.ToDictionary(u => u.RemoteId, StringComparer.Ordinal);
    }

    public bool CanView(string userGid, string ticketGid)
        => _users.TryGetValue(userGid, out var user) && user.IsActive
           && _tickets.TryGetValue(ticketGid, out var ticket)
           && Visible(user, ticket.Permissions, new HashSet<string>(StringComparer.Ordinal) { "ticket:" + ticketGid });

    private bool Visible(User user, IReadOnlyList<Permission> permissions, HashSet<string> visited)
    {
        foreach (var p in permissions)
        {
            var filled = 0;
            var matched = 0;
            if (p.AppliedToUsers.Count > 0)
            {
                filled++;
                matched += p.AppliedToUsers.Contains(user.RemoteId) ? 1 : 0;
            }

            if (p.AppliedToRoles.Count > 0)
            {
                filled++;
                matched += p.AppliedToRoles.Intersect(user.Roles, StringComparer.Ordinal).Any() ? 1 : 0;
            }

            if (p.AppliedToTeams.Count > 0)
            {
                filled++;
                matched += p.AppliedToTeams.Intersect(user.Teams, StringComparer.Ordinal).Any() ? 1 : 0;
            }

            if (p.AppliedToCollections.Count > 0)
            {
                filled++;
                matched += p.AppliedToCollections.Any(c => _collections.TryGetValue(c, out var col) && visited.Add("collection:" + c) && Visible(user, col.Permissions, visited)) ? 1 : 0;
            }

            if (p.AppliedToTickets.Count > 0)
            {
                filled++;
                matched += p.AppliedToTickets.Any(t => _tickets.TryGetValue(t, out var tk) && visited.Add("ticket:" + t) && Visible(user, tk.Permissions, visited)) ? 1 : 0;
            }

            if (filled > 0 && matched == filled)
            {
                return true;
            }
        }

        return false;
    }
}
