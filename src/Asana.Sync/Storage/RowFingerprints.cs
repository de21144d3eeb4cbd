using System.Text;
namespace Asana.Sync.Storage;

/// <summary>
/// The fingerprints a store kept with its rows (see <see cref="TicketEntry.Fingerprint"/>), by gid: an incremental sync
/// rewrites only the rows whose fingerprint changed. A row missing here is rewritten.
/// </summary>
/// <param name="Users">User gid → fingerprint.</param>
/// <param name="Teams">Team gid → fingerprint.</param>
/// <param name="Collections">Project or section gid → fingerprint.</param>
/// <param name="Tickets">Task gid → fingerprint.</param>
/// <param name="Portfolios">Portfolio gid → fingerprint.</param>
public sealed record RowFingerprints(
    IReadOnlyDictionary<string, string> Users,
    IReadOnlyDictionary<string, string> Teams,
    IReadOnlyDictionary<string, string> Collections,
    IReadOnlyDictionary<string, string> Tickets,
    IReadOnlyDictionary<string, string> Portfolios)
{
    /// <summary>No fingerprints: every row is rewritten.</summary>
    public static RowFingerprints Empty { get; } = new(
        new Dictionary<string, string>(),
        new Dictionary<string, string>(),
        new Dictionary<string, string>(),
        new Dictionary<string, string>(),
        new Dictionary<string, string>());

    private bool PrintMembers(StringBuilder builder)
    {
        // Row counts only: a workspace holds tens of thousands of opaque hashes.
        builder.Append("Users = ").Append(Users.Count)
            .Append(", Teams = ").Append(Teams.Count)
            .Append(", Collections = ").Append(Collections.Count)
            .Append(", Tickets = ").Append(Tickets.Count)
            .Append(", Portfolios = ").Append(Portfolios.Count);
        return true;
    }
}
