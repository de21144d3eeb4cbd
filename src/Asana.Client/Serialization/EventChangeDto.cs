namespace Asana.Client.Serialization;

/// <summary>Wire shape of an event's <c>change</c>.</summary>
internal sealed record EventChangeDto(string? Field = null, string? Action = null);
