namespace Asana.Client.Serialization;

/// <summary>One entry of <c>errors</c>.</summary>
internal sealed record ErrorDto(string? Message, string? Help = null, string? Phrase = null);
