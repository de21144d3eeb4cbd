using System.Text.RegularExpressions;
using Asana.Client.Http;

namespace Asana.Client.Tests.Conformance;

/// <summary>One <see cref="IAsanaApi"/> method.</summary>
/// <param name="Name">The method name.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Route">Its route template as a pattern over request paths.</param>
/// <param name="WireType">What its success body is deserialized as; null when it is not read.</param>
internal sealed record RefitOperation(string Name, string Method, Regex Route, Type? WireType);
