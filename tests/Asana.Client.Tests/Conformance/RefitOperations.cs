using System.Reflection;
using Asana.Client.Http;
using Asana.Client.Serialization;
using Refit;

namespace Asana.Client.Tests.Conformance;

/// <summary>
/// The client's Refit operations (<see cref="IAsanaApi"/>): which one a request came from, by its route template, and
/// the type its 200 body is read as.
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
        var get = method.GetCustomAttribute<GetAttribute>() ?? throw new InvalidOperationException($"IAsanaApi.{method.Name} is not a GET: extend the conformance test.");
        var route = SpecConformanceChecker.Template(get.Path);
        var result = method.ReturnType.GetGenericArguments()[0];

        // GET /events is taken raw (a 412 carries the fresh sync token); the facade reads a 200 body as EventsEnvelope.
        var wireType = result == typeof(HttpResponseMessage) ? typeof(EventsEnvelope) : result;
        return new RefitOperation(method.Name, "GET", route, wireType);
    }
}
