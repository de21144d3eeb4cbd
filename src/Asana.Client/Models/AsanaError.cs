namespace Asana.Client.Models;

/// <summary>One entry of Asana's <c>{"errors": [...]}</c> body.</summary>
/// <param name="Message">What went wrong.</param>
/// <param name="Help">Where to read more.</param>
/// <param name="Phrase">A phrase identifying a 500 error to Asana support.</param>
public sealed record AsanaError(string Message, string? Help = null, string? Phrase = null);
