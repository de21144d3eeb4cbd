namespace Asana.Client.Serialization;

/// <summary>Asana's error body <c>{"errors": [...]}</c>; a 412 from <c>/events</c> adds a fresh <c>sync</c>.</summary>
internal sealed record ErrorEnvelope(IReadOnlyList<ErrorDto?>? Errors, string? Sync = null);
