using System.Text;
using Asana.Shared;

namespace Asana.Client.Models;

/// <summary>
/// A webhook: Asana's subscription that POSTs the events of <see cref="Resource"/> to <see cref="Target"/>. Its secret
/// is never part of it: the receiver learns it in the handshake.
/// </summary>
/// <param name="Gid">The webhook gid.</param>
/// <param name="Resource">The resource subscribed to (a workspace, project, task, …).</param>
/// <param name="Target">The URL events are POSTed to.</param>
/// <param name="Active">Whether Asana delivers to it (false after failed deliveries, until one succeeds).</param>
/// <param name="Filters">Its filters, when Asana sent them.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastSuccessAt">The last successful delivery.</param>
/// <param name="LastFailureAt">The last failed delivery.</param>
public sealed record AsanaWebhook(
    string Gid,
    AsanaReference Resource,
    string? Target,
    bool Active,
    IReadOnlyList<AsanaWebhookFilter>? Filters = null,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? LastSuccessAt = null,
    DateTimeOffset? LastFailureAt = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Gid = ").Append(Gid)
            .Append(", Resource = ").Append(Resource)
            .Append(", Target = ").Append(Target)
            .Append(", Active = ").Append(Active)
            .Append(", Filters = ").AppendList(Filters)
            .Append(", CreatedAt = ").Append(CreatedAt)
            .Append(", LastSuccessAt = ").Append(LastSuccessAt)
            .Append(", LastFailureAt = ").Append(LastFailureAt);
        return true;
    }
}
