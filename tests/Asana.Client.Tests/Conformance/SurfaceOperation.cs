namespace Asana.Client.Tests.Conformance;

/// <summary>
/// One operation: its method and path template, parameters, <c>opt_fields</c> enum, success response field names and,
/// for a write, the field names its JSON request body may hold (null for reads).
/// </summary>
internal sealed record SurfaceOperation(
    string OperationId,
    string Method,
    string Path,
    IReadOnlyList<SurfaceParameter> Parameters,
    IReadOnlyList<string> OptFields,
    IReadOnlyList<string> ResponseFields,
    IReadOnlyList<string>? RequestFields = null);
