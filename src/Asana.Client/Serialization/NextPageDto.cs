namespace Asana.Client.Serialization;

/// <summary><c>next_page</c>: only the offset is used; path and uri would repeat our own base address.</summary>
internal sealed record NextPageDto(string? Offset, string? Path = null, string? Uri = null);
