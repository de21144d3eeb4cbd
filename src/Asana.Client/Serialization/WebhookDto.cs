namespace Asana.Client.Serialization;

/// <summary>Wire shape of a webhook (Asana's <c>WebhookResponse</c>).</summary>
internal sealed record WebhookDto(
    string? Gid,
    ReferenceDto? Resource = null,
    string? Target = null,
    bool? Active = null,
    IReadOnlyList<WebhookFilterDto?>? Filters = null,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? LastSuccessAt = null,
    DateTimeOffset? LastFailureAt = null);
