using System.Net;
using System.Text;
using Asana.Client.Serialization;

namespace Asana.Client.Tests.Conformance;

/// <summary>
/// The client's transport in the conformance test: records each request and answers with the smallest valid body for
/// it (an empty page, a record with only a gid (and the resource a webhook needs), an empty event batch), so every call
/// completes after one request.
/// </summary>
internal sealed class CapturingHandler(string basePath) : HttpMessageHandler
{
    private readonly List<CapturedRequest> _requests = [];

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var captured = CapturedRequest.From(request, basePath);
        lock (_requests)
        {
            _requests.Add(captured);
        }

        var wireType = RefitOperations.Of(captured).WireType;
        var body = wireType switch
        {
            null => """{"data": {}}""",
            _ when wireType == typeof(EventsEnvelope) => """{"data": [], "sync": "s", "has_more": false}""",
            _ when wireType == typeof(SearchEnvelope) => """{"data": []}""",
            { IsGenericType: true } when wireType.GetGenericTypeDefinition() == typeof(DataEnvelope<>) => """{"data": {"gid": "1", "resource": {"gid": "2"}}}""",
            _ => """{"data": [], "next_page": null}""",
        };
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        });
    }
}
