using Asana.Permissions;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;

namespace Asana.Sync.Internal;

/// <summary>
/// The rows a commit writes and deletes. Every current object becomes a store entry with its fingerprint, which is
/// compared with the fingerprint stored with the previous sync's row: the previous state is never rebuilt, so an
/// incremental commit costs the fingerprints of the current rows plus the writes of those that changed.
/// </summary>
internal sealed class StoreChanges
{
    private StoreChanges(RowFingerprints? stored)
    {
        Users = new(stored?.Users, static (entry, fingerprint) => entry with { Fingerprint = fingerprint });
        Teams = new(stored?.Teams, static (entry, fingerprint) => entry with { Fingerprint = fingerprint });
        Collections = new(stored?.Collections, static (entry, fingerprint) => entry with { Fingerprint = fingerprint });
        Tickets = new(stored?.Tickets, static (entry, fingerprint) => entry with { Fingerprint = fingerprint });
        Portfolios = new(stored?.Portfolios, static (entry, fingerprint) => entry with { Fingerprint = fingerprint });
    }

    public TableChanges<UserEntry> Users { get; }

    public TableChanges<TeamEntry> Teams { get; }

    public TableChanges<CollectionEntry> Collections { get; }

    public TableChanges<TicketEntry> Tickets { get; }

    public TableChanges<PortfolioEntry> Portfolios { get; }

    /// <summary>The changes from the stored state to the current one.</summary>
    /// <param name="previous">What the store holds; null when it is cleared first (full sync): every row is written.</param>
    /// <param name="data">The current records.</param>
    /// <param name="permissions">The model built from <paramref name="data"/>.</param>
    /// <param name="model">Its Merge objects.</param>
    /// <param name="states">Each task's <c>num_subtasks</c>.</param>
    public static StoreChanges Between(StoredWorkspace? previous, WorkspaceData data, WorkspacePermissions permissions, MergeModel model, IReadOnlyDictionary<string, TaskState> states)
    {
        var changes = new StoreChanges(previous?.Fingerprints);
        using var builder = new FingerprintBuilder();

        var usersByGid = model.Users.ToDictionary(u => u.RemoteId, StringComparer.Ordinal);
        var memberships = data.WorkspaceMemberships.ToDictionary(m => m.UserGid, StringComparer.Ordinal);
        foreach (var user in data.Users)
        {
            if (usersByGid.TryGetValue(user.Gid, out var merge))
            {
                var membership = memberships.GetValueOrDefault(user.Gid) ?? new WorkspaceMembershipRecord(user.Gid, false, false, false);
                var entry = new UserEntry(user, membership, merge, permissions.GetUserPrincipalTokens(user.Gid));
                changes.Users.Add(user.Gid, entry, EntryFingerprint.Of(entry, builder, changes.Users.Stored(user.Gid)));
            }
        }

        var teamMembers = data.TeamMemberships.ToLookup(m => m.TeamGid, StringComparer.Ordinal);
        var teamsByGid = model.Teams.ToDictionary(t => t.RemoteId, StringComparer.Ordinal);
        foreach (var team in data.Teams)
        {
            if (teamsByGid.TryGetValue(team.Gid, out var merge))
            {
                var entry = new TeamEntry(team, teamMembers[team.Gid].OrderBy(m => m.UserGid, StringComparer.Ordinal).ToList(), merge);
                changes.Teams.Add(team.Gid, entry, EntryFingerprint.Of(entry, builder, changes.Teams.Stored(team.Gid)));
            }
        }

        var portfolioMembers = data.PortfolioMemberships.ToLookup(m => m.PortfolioGid, StringComparer.Ordinal);
        var portfolioSettings = data.ProjectPortfolioSettings.ToLookup(m => m.PortfolioGid, StringComparer.Ordinal);
        foreach (var portfolio in data.Portfolios)
        {
            var entry = new PortfolioEntry(
                portfolio,
                portfolioMembers[portfolio.Gid].OrderBy(m => m.MemberGid, StringComparer.Ordinal).ThenBy(m => m.MemberKind).ToList(),
                portfolioSettings[portfolio.Gid].OrderBy(m => m.ProjectGid, StringComparer.Ordinal).ToList());
            changes.Portfolios.Add(portfolio.Gid, entry, EntryFingerprint.Of(entry, builder, changes.Portfolios.Stored(portfolio.Gid)));
        }

        var projects = data.Projects.ToDictionary(p => p.Gid, StringComparer.Ordinal);
        var sections = data.Sections.ToDictionary(s => s.Gid, StringComparer.Ordinal);
        var projectMembers = data.ProjectMemberships.ToLookup(m => m.ProjectGid, StringComparer.Ordinal);
        foreach (var collection in model.Collections)
        {
            var project = projects.GetValueOrDefault(collection.RemoteId);
            var section = project is null ? sections.GetValueOrDefault(collection.RemoteId) : null;
            var members = project is null ? [] : projectMembers[project.Gid].OrderBy(m => m.MemberGid, StringComparer.Ordinal).ThenBy(m => m.MemberKind).ToList();
            var entry = new CollectionEntry(collection, project, members, section);
            changes.Collections.Add(collection.RemoteId, entry, EntryFingerprint.Of(entry, builder, changes.Collections.Stored(collection.RemoteId)));
        }

        // Each task's ticket is a lookup in the model: no dictionary of 50,000 tasks to build.
        foreach (var task in data.Tasks)
        {
            if (permissions.GetTicket(task.Gid) is { } ticket)
            {
                var entry = new TicketEntry(task, ticket, permissions.GetTicketPrincipalTokens(task.Gid), states.GetValueOrDefault(task.Gid)?.NumSubtasks ?? 0);
                changes.Tickets.Add(task.Gid, entry, EntryFingerprint.Of(entry, builder, changes.Tickets.Stored(task.Gid)));
            }
        }

        // The rows the store holds: those of the records it returned, and any it kept a fingerprint for.
        var stored = previous?.Data;
        changes.Users.Complete(stored?.Users.Select(u => u.Gid) ?? []);
        changes.Teams.Complete(stored?.Teams.Select(t => t.Gid) ?? []);
        changes.Collections.Complete(stored is null ? [] : stored.Projects.Select(p => p.Gid).Concat(stored.Sections.Select(s => s.Gid)));
        changes.Tickets.Complete(stored?.Tasks.Select(t => t.Gid) ?? []);
        changes.Portfolios.Complete(stored?.Portfolios.Select(p => p.Gid) ?? []);
        return changes;
    }
}
