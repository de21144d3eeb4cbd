namespace Asana.Sync.AspNetCore.Receiving;

/// <summary>One event of a delivery; its objects are compact (<c>{gid, resource_type}</c>, maybe <c>resource_subtype</c>).</summary>
internal sealed record WebhookEventDto(
    WebhookReferenceDto? Resource,
    string? Action = null,
    WebhookReferenceDto? Parent = null,
    WebhookReferenceDto? User = null,
    DateTimeOffset? CreatedAt = null,
    WebhookChangeDto? Change = null);
