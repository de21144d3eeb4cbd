using Asana.Simulator.Model;

namespace Asana.Simulator.Webhooks;

/// <summary>A webhook filter as Asana applies it: resource type, and when given, action, subtype and changed field.</summary>
internal sealed record SimWebhookFilter(string ResourceType, string? Action, string? ResourceSubtype, IReadOnlyList<string>? Fields)
{
    public bool Matches(SimEvent e) =>
        e.Resource.ResourceType == ResourceType
        && (Action is null || Action == e.Action)
        && (ResourceSubtype is null || ResourceSubtype == e.Resource.ResourceSubtype)
        && (Fields is null || (e.Change is { } change && Fields.Contains(change.Field, StringComparer.Ordinal)));
}
