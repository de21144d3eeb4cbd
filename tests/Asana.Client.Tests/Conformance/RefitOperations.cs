using System.Reflection;
using Asana.Client.Http;
using Asana.Client.Serialization;
using Refit;

namespace Asana.Client.Tests.Conformance;

/// <summary>
/// The client's Refit operations (<see cref="IAsanaApi"/>): which one a request came from, by its route template, and
/// the type its success body is read as.
/// </summary>
internal static class RefitOperations
{
    public static IReadOnlyList<RefitOperation> All { get; } = typeof(IAsanaApi).GetMethods().Select(Describe).ToList();

    public static RefitOperation Of(CapturedRequest request)
    {
        var matches = All.Where(o => o.Method == request.Method && o.Route.IsMatch(request.Path)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"{request} matches {matches.Count} IAsanaApi methods: {string.Join(", ", matches.Select(m => m.Name))}");
    }

    private static RefitOperation Describe(MethodInfo method)
    {
        var verb = method.GetCustomAttribute<HttpMethodAttribute>() ?? throw new InvalidOperationException($"IAsanaApi.{method.Name} has no HTTP method: extend the conformance test.");
        var route = SpecConformanceChecker.Template(verb.Path);

        // A plain Task reads no body (DELETE); GET /events is taken raw (a 412 carries the fresh sync token) and the
        // facade reads a 200 body as EventsEnvelope.
        var result = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null;
        var wireType = result == typeof(HttpResponseMessage) ? typeof(EventsEnvelope) : result;
        return new RefitOperation(method.Name, verb.Method.Method, route, wireType);
    }
}
