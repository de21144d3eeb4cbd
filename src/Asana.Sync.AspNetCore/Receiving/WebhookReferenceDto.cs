namespace Asana.Sync.AspNetCore.Receiving;

/// <summary>A compact object in a webhook event.</summary>
internal sealed record WebhookReferenceDto(string? Gid, string? ResourceType = null, string? Name = null);
