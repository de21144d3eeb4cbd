using System.Net.Http.Headers;

namespace Asana.Client.Http;

/// <summary>
/// Sets <c>Authorization: Bearer</c> on every attempt (it sits inside the retry, so a refreshed token is picked up on
/// a retry). The token is never logged, never put into an exception, never stored beyond the request.
/// </summary>
internal sealed class AsanaAuthenticationHandler(Func<CancellationToken, ValueTask<string>> tokenSource) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokenSource(cancellationToken);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new InvalidOperationException("The Asana access token provider returned an empty token.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}
