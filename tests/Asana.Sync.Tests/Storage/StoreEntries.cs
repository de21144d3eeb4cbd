using Asana.Permissions;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Storage;

/// <summary>
/// The entries a sync would write for a workspace, built from its records with the real permission engine. Each
/// carries the fingerprint "version:gid", except ticket k3, written without one (a store then leaves it out of
/// <see cref="StoredWorkspace.Fingerprints"/>).
/// </summary>
internal sealed record StoreEntries(
    WorkspaceData Data,
    IReadOnlyList<Role> Roles,
    IReadOnlyList<UserEntry> Users,
    IReadOnlyList<TeamEntry> Teams,
    IReadOnlyList<PortfolioEntry> Portfolios,
    IReadOnlyList<CollectionEntry> Collections,
    IReadOnlyList<TicketEntry> Tickets)
{
    /// <summary>Task gid → number of direct subtasks, as the entries say.</summary>
    public IReadOnlyDictionary<string, int> SubtaskCounts => Tickets.ToDictionary(t => t.Source.Gid, t => t.NumSubtasks, StringComparer.Ordinal);

    /// <summary>The fingerprints written, by kind (rows written without one left out).</summary>
    public RowFingerprints Fingerprints => new(
        Map(Users, u => u.Source.Gid, u => u.Fingerprint),
        Map(Teams, t => t.Source.Gid, t => t.Fingerprint),
        Map(Collections, c => c.Model.RemoteId, c => c.Fingerprint),
        Map(Tickets, t => t.Source.Gid, t => t.Fingerprint),
        Map(Portfolios, p => p.Source.Gid, p => p.Fingerprint));

    public static StoreEntries For(WorkspaceData data, string version)
    {
        var permissions = WorkspacePermissions.Build(data);
        var model = permissions.ToMergeModel();
        string Fingerprint(string gid) => $"{version}:{gid}";
        return new StoreEntries(
            data,
            model.Roles,
            [.. model.Users.Select(u => new UserEntry(
                data.Users.Single(x => x.Gid == u.RemoteId), data.WorkspaceMemberships.Single(m => m.UserGid == u.RemoteId), u, permissions.GetUserPrincipalTokens(u.RemoteId))
            { Fingerprint = Fingerprint(u.RemoteId) })],
            [.. model.Teams.Select(t => new TeamEntry(data.Teams.Single(x => x.Gid == t.RemoteId), [.. data.TeamMemberships.Where(m => m.TeamGid == t.RemoteId)], t)
            { Fingerprint = Fingerprint(t.RemoteId) })],
            [.. data.Portfolios.Select(p => new PortfolioEntry(
                p, [.. data.PortfolioMemberships.Where(m => m.PortfolioGid == p.Gid)], [.. data.ProjectPortfolioSettings.Where(s => s.PortfolioGid == p.Gid)])
            { Fingerprint = Fingerprint(p.Gid) })],
            [.. model.Collections.Select(c => new CollectionEntry(
                c, data.Projects.SingleOrDefault(p => p.Gid == c.RemoteId), [.. data.ProjectMemberships.Where(m => m.ProjectGid == c.RemoteId)], data.Sections.SingleOrDefault(s => s.Gid == c.RemoteId))
            { Fingerprint = Fingerprint(c.RemoteId) })],
            [.. model.Tickets.Select(t => new TicketEntry(
                data.Tasks.Single(x => x.Gid == t.RemoteId), t, permissions.GetTicketPrincipalTokens(t.RemoteId), data.Tasks.Count(c => c.ParentGid == t.RemoteId))
            { Fingerprint = t.RemoteId == "k3" ? null : Fingerprint(t.RemoteId) })]);
    }

    private static Dictionary<string, string> Map<T>(IEnumerable<T> entries, Func<T, string> gid, Func<T, string?> fingerprint) =>
        entries.Where(e => fingerprint(e) is not null).ToDictionary(gid, e => fingerprint(e)!, StringComparer.Ordinal);
}
