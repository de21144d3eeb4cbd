namespace Asana.Client.Serialization;

/// <summary>The body of <c>GET /events</c> on 200 (a 412 is read as an <see cref="ErrorEnvelope"/>).</summary>
internal sealed record EventsEnvelope(IReadOnlyList<EventDto?>? Data, string? Sync, bool? HasMore = null);
