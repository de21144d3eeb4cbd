using System.Collections.Specialized;
using System.Web;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Asana.Client.Tests.TestSupport;

/// <summary>A WireMock server on loopback that answers under <c>/api/1.0</c>, like Asana; one per test class.</summary>
public sealed class AsanaServer : IDisposable
{
    public const string Prefix = "/api/1.0";

    public AsanaServer()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Port = 0 });
    }

    public WireMockServer Server { get; }

    public Uri BaseAddress => new(Server.Url + Prefix + "/");

    public IReadOnlyList<ILogEntry> Requests => Server.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).ToList();

    public void Reset() => Server.Reset();

    /// <summary>A GET mapping for <paramref name="path"/> (below the API prefix); lower priority numbers win.</summary>
    #pragma warning disable CA1822 // instance member reads better at call sites: _server.Get(...)
    public IRequestBuilder Get(string path) => Request.Create().WithPath(Prefix + path).UsingGet();
#pragma warning restore CA1822

    public void Respond(IRequestBuilder request, IResponseBuilder response, int priority = 100) =>
        Server.Given(request).AtPriority(priority).RespondWith(response);

    /// <summary>Answers the requests matching <paramref name="request"/> with each response in turn; the last one repeats.</summary>
    public void RespondInSequence(IRequestBuilder request, params IResponseBuilder[] responses)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < responses.Length; i++)
        {
            var mapping = Server.Given(request).InScenario(scenario);
            if (i > 0)
            {
                mapping = mapping.WhenStateIs($"step{i}");
            }

            if (i < responses.Length - 1)
            {
                mapping = mapping.WillSetStateTo($"step{i + 1}");
            }

            mapping.RespondWith(responses[i]);
        }
    }

    public static IResponseBuilder Json(string fixture, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(Fixtures.Read(fixture));

    /// <summary>A JSON body written inline (for records too small or too broken to deserve a fixture).</summary>
    public static IResponseBuilder JsonBody(string json, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(json);

    /// <summary>The request's query string, decoded, in wire order.</summary>
    public static NameValueCollection Query(ILogEntry entry) => HttpUtility.ParseQueryString(new Uri(entry.RequestMessage!.Url).Query);

    public void Dispose() => Server.Stop();
}
