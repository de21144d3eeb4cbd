namespace Asana.Sync.AspNetCore.Receiving;

/// <summary>The <c>change</c> of a <c>changed</c> event (its values are not read: a refresh re-reads the resource).</summary>
internal sealed record WebhookChangeDto(string? Field, string? Action = null);
