using System.Text.Json.Serialization;

namespace Asana.Client.Serialization;

/// <summary>Wire shape of a webhook filter, read and written; unset members are left out of a request.</summary>
internal sealed record WebhookFilterDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResourceType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResourceSubtype = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Fields = null);
