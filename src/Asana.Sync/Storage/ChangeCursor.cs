using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Asana.Sync.Storage;

/// <summary>
/// A position in a workspace's change feed: after the entry (<see cref="Sequence"/>, <see cref="Kind"/>,
/// <see cref="Gid"/>), in the feed's order (sequence, then kind as stored, then gid). A cursor names its workspace so a
/// cursor of one workspace is never read as another's. Encoded as opaque base64url text.
/// </summary>
/// <param name="WorkspaceGid">The workspace.</param>
/// <param name="Sequence">The commit's sequence number (0: before the first).</param>
/// <param name="Kind">The stored kind of the last entry read ("collection" or "ticket"); empty: before the commit's first.</param>
/// <param name="Gid">The gid of the last entry read; empty with <paramref name="Kind"/>.</param>
internal sealed record ChangeCursor(string WorkspaceGid, long Sequence, string Kind, string Gid)
{
    /// <summary>The most changes one page may ask for.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The stored kind of a ticket row ("collection" sorts before it, so a commit's collections come first).</summary>
    public const string TicketKind = "ticket";

    /// <summary>The stored kind of a collection row.</summary>
    public const string CollectionKind = "collection";

    private const string Version = "c1";

    /// <summary>The start of a workspace's feed.</summary>
    public static ChangeCursor Start(string workspaceGid) => new(workspaceGid, 0, string.Empty, string.Empty);

    /// <summary>The stored text of a kind.</summary>
    public static string KindText(ChangeKind kind) => kind == ChangeKind.Ticket ? TicketKind : CollectionKind;

    /// <summary>The kind of a stored text (anything but a ticket is a collection: the stores write only these two).</summary>
    public static ChangeKind ParseKind(string text) => text == TicketKind ? ChangeKind.Ticket : ChangeKind.Collection;

    /// <summary>Throws unless <paramref name="limit"/> is a page size the feed serves.</summary>
    public static void ValidateLimit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
    }

    /// <summary>
    /// The position <paramref name="cursor"/> encodes, checked against <paramref name="workspaceGid"/>; the start for
    /// null or empty. Garbage and other workspaces' cursors throw <see cref="PermissionStoreError.InvalidCursor"/>.
    /// </summary>
    public static ChangeCursor Decode(string workspaceGid, string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return Start(workspaceGid);
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw Invalid(workspaceGid, "it is not a change feed cursor");
        }

        var parts = text.Split('\n');
        if (parts.Length != 5 || parts[0] != Version
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || parts[3] is not ("" or TicketKind or CollectionKind)
            || (parts[3].Length == 0) != (parts[4].Length == 0))
        {
            throw Invalid(workspaceGid, "it is not a change feed cursor");
        }

        if (!string.Equals(parts[1], workspaceGid, StringComparison.Ordinal))
        {
            throw Invalid(workspaceGid, "it belongs to another workspace");
        }

        return new ChangeCursor(workspaceGid, sequence, parts[3], parts[4]);
    }

    /// <summary>Throws when the cursor is past the workspace's last commit (the store went back, e.g. restored).</summary>
    public void ThrowIfAhead(long lastSequence)
    {
        if (Sequence > lastSequence)
        {
            throw Invalid(WorkspaceGid, string.Create(CultureInfo.InvariantCulture, $"it is at change {Sequence} but the store's last change is {lastSequence} (was the store restored or replaced?)"));
        }
    }

    /// <summary>The opaque text of this position.</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}\n{WorkspaceGid}\n{Sequence}\n{Kind}\n{Gid}")));

    private static PermissionStoreException Invalid(string workspaceGid, string why) =>
        new(PermissionStoreError.InvalidCursor, $"Invalid change feed cursor for workspace {workspaceGid}: {why}; read the feed again without a cursor.")
        {
            WorkspaceGid = workspaceGid,
        };
}
