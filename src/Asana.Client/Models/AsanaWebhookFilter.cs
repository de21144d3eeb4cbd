using System.Text;
using Asana.Shared;

namespace Asana.Client.Models;

/// <summary>
/// One entry of a webhook's filter list (Asana's <c>WebhookFilter</c>): an event is delivered when it passes any entry.
/// Webhooks on a workspace, team or portfolio must have filters, from Asana's list of allowed ones, and without
/// <see cref="Fields"/>.
/// </summary>
/// <param name="ResourceType">The type of the resource the event is about, e.g. <c>task</c>, <c>project_membership</c>.</param>
/// <param name="Action"><c>added</c>, <c>removed</c>, <c>changed</c>, <c>deleted</c> or <c>undeleted</c>; null for any.</param>
/// <param name="ResourceSubtype">The resource's <c>resource_subtype</c> (e.g. <c>milestone</c>); null for any.</param>
/// <param name="Fields">For <c>changed</c>: only changes of these fields; null for any.</param>
public sealed record AsanaWebhookFilter(string ResourceType, string? Action = null, string? ResourceSubtype = null, IReadOnlyList<string>? Fields = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ResourceType = ").Append(ResourceType)
            .Append(", Action = ").Append(Action)
            .Append(", ResourceSubtype = ").Append(ResourceSubtype)
            .Append(", Fields = ").AppendList(Fields);
        return true;
    }
}
