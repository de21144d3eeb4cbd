namespace Asana.Client.Tests.Conformance;

/// <summary>One allow-listed spec defect.</summary>
/// <param name="OperationId">The operation.</param>
/// <param name="Key">The finding excused, e.g. <c>query:limit</c>.</param>
/// <param name="Why">Why the spec is wrong there.</param>
internal sealed record KnownSpecDefect(string OperationId, string Key, string Why);
