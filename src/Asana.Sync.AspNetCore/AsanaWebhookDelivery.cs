using System.Text;
using Asana.Client.Models;
using Asana.Shared;

namespace Asana.Sync.AspNetCore;

/// <summary>One verified delivery.</summary>
/// <param name="RegistrationId">Our id of the webhook (the last segment of its target URL).</param>
/// <param name="WorkspaceGid">The workspace the webhook was registered for.</param>
/// <param name="ResourceGid">The resource it watches (the workspace or a project).</param>
/// <param name="WebhookGid">Asana's gid of the webhook, when known.</param>
/// <param name="Events">The events, in the order Asana sent them (which may not be the order they happened in).</param>
public sealed record AsanaWebhookDelivery(string RegistrationId, string WorkspaceGid, string ResourceGid, string? WebhookGid, IReadOnlyList<AsanaEvent> Events)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RegistrationId = ").Append(RegistrationId)
            .Append(", WorkspaceGid = ").Append(WorkspaceGid)
            .Append(", ResourceGid = ").Append(ResourceGid)
            .Append(", WebhookGid = ").Append(WebhookGid)
            .Append(", Events = ").AppendList(Events);
        return true;
    }
}
