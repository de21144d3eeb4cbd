namespace Asana.Client.Tests.Conformance;

/// <summary>One operation: its method and path template, parameters, <c>opt_fields</c> enum and 200 response field names.</summary>
internal sealed record SurfaceOperation(
    string OperationId,
    string Method,
    string Path,
    IReadOnlyList<SurfaceParameter> Parameters,
    IReadOnlyList<string> OptFields,
    IReadOnlyList<string> ResponseFields);
