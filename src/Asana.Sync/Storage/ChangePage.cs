using System.Text;
using Asana.Shared;

namespace Asana.Sync.Storage;

/// <summary>One page of a workspace's change feed (<see cref="IPermissionChangeFeed"/>).</summary>
/// <param name="Changes">The changes, in feed order: by commit, then collections before tickets, then gid.</param>
/// <param name="NextCursor">Where the next page starts: save it once the page is applied (the same cursor when empty).</param>
/// <param name="HasMore">Whether more changes follow already (read again at once) or the host is up to date.</param>
public sealed record ChangePage(IReadOnlyList<ObjectChange> Changes, string NextCursor, bool HasMore)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Changes = ").AppendList(Changes)
            .Append(", NextCursor = ").Append(NextCursor)
            .Append(", HasMore = ").Append(HasMore);
        return true;
    }
}
