namespace Asana.Client.Serialization;

/// <summary>The body of <c>GET /events</c>, for 200 and 412 alike (a 412 carries <c>errors</c> and <c>sync</c>).</summary>
internal sealed record EventsEnvelope(IReadOnlyList<EventDto?>? Data, string? Sync, bool? HasMore = null, IReadOnlyList<ErrorDto?>? Errors = null);
