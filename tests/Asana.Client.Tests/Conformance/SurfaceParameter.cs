namespace Asana.Client.Tests.Conformance;

/// <summary>A declared parameter (path-level ones included).</summary>
internal sealed record SurfaceParameter(string Name, string In, bool Required, string? Type, string? Format = null, IReadOnlyList<string>? Enum = null);
