namespace Asana.Client;

/// <summary>
/// Supplies the bearer token for each request attempt (e.g. a refreshed OAuth access token). Called once per
/// attempt, so keep it cheap (cache the token). Never log what it returns.
/// </summary>
public interface IAsanaTokenProvider
{
    /// <summary>Returns the access token (a PAT, an OAuth access token or a service-account token).</summary>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The token, without the <c>Bearer</c> prefix.</returns>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default);
}
