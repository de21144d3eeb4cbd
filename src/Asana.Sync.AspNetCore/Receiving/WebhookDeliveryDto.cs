namespace Asana.Sync.AspNetCore.Receiving;

/// <summary>A delivery's body: <c>{"events": [...]}</c>; empty for a heartbeat.</summary>
internal sealed record WebhookDeliveryDto(IReadOnlyList<WebhookEventDto?>? Events);
