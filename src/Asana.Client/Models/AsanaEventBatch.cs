using System.Text;
using Asana.Shared;

namespace Asana.Client.Models;

/// <summary>The answer of <c>GET /events</c>.</summary>
/// <param name="Events">The events since the sync token given (empty when <paramref name="SyncTokenReset"/>).</param>
/// <param name="SyncToken">The token to pass next time.</param>
/// <param name="HasMore">More than 100 events were pending: call again at once with <paramref name="SyncToken"/>.</param>
/// <param name="SyncTokenReset">
/// Asana answered 412: the token given was missing, invalid or too old. <paramref name="SyncToken"/> is a fresh one,
/// and the caller must re-read the resource in full, since events in between are lost.
/// </param>
public sealed record AsanaEventBatch(IReadOnlyList<AsanaEvent> Events, string SyncToken, bool HasMore, bool SyncTokenReset)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Events = ").AppendList(Events)
            .Append(", SyncToken = ").Append(SyncToken)
            .Append(", HasMore = ").Append(HasMore)
            .Append(", SyncTokenReset = ").Append(SyncTokenReset);
        return true;
    }
}
