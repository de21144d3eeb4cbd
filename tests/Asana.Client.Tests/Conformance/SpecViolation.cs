namespace Asana.Client.Tests.Conformance;

/// <summary>
/// One way a request or the wire layer departs from Asana's OpenAPI description.
/// </summary>
/// <param name="OperationId">The operation (null when the request matches none).</param>
/// <param name="Key">What is wrong, stable for the allow-list: <c>query:NAME</c>, <c>value:NAME</c>, <c>required:NAME</c>, <c>opt_fields:FIELD</c>, <c>response:FIELD</c>, <c>path</c>.</param>
/// <param name="Message">One line naming the offending name.</param>
internal sealed record SpecViolation(string? OperationId, string Key, string Message)
{
    public override string ToString() => Message;
}
