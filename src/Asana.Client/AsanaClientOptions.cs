using System.Globalization;

namespace Asana.Client;

/// <summary>
/// Settings for <see cref="AsanaClient"/>. Settable for configuration binding; read once when the client is built
/// (later changes are ignored). <see cref="ToString"/> never shows the token.
/// </summary>
public sealed class AsanaClientOptions
{
    /// <summary>Asana's public API root.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://app.asana.com/api/1.0/");

    /// <summary>
    /// The API root: <c>https://app.asana.com/api/1.0/</c> (default), or another host (a proxy, a loopback simulator) whose
    /// path ends in <c>/api/1.0</c> likewise; any other path is refused when the client is built. A missing trailing
    /// slash is added.
    /// </summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>A fixed token (PAT or service-account token). Ignored when a token provider is set.</summary>
    public string? AccessToken { get; set; }

    /// <summary>A token callback, called once per request attempt. Wins over <see cref="AccessToken"/>.</summary>
    public Func<CancellationToken, ValueTask<string>>? AccessTokenProvider { get; set; }

    /// <summary>A token provider object. Wins over <see cref="AccessTokenProvider"/> and <see cref="AccessToken"/>.</summary>
    public IAsanaTokenProvider? TokenProvider { get; set; }

    /// <summary>The <c>limit</c> sent with every list request: 1 to 100 (Asana's maximum). Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The plan's request quota per minute, paced client-side: 1,500 on paid plans (default), 150 on the free plan.</summary>
    public int RequestsPerMinute { get; set; } = 1500;

    /// <summary>
    /// Asana's separate quota for search requests (<c>GET /workspaces/{gid}/tasks/search</c>) per minute, paced
    /// client-side on top of <see cref="RequestsPerMinute"/>: 60 (default).
    /// </summary>
    public int SearchRequestsPerMinute { get; set; } = 60;

    /// <summary>Requests in flight at most (Asana allows 50 concurrent reads per token). Default 50.</summary>
    public int MaxConcurrentRequests { get; set; } = 50;

    /// <summary>The budget for one call including every retry and wait. Default 3 minutes, so a 60 s Retry-After fits.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The budget for one attempt. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, for reads only (0 disables retrying). Default 5.</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>The first exponential backoff delay (jittered, doubling). Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest Retry-After honoured; a 429 asking for more is surfaced instead of retried. Default 60 s.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Describes the settings; the token is shown only as set or not set.</summary>
    /// <returns>A one-line description without secrets.</returns>
    public override string ToString()
    {
        var token = TokenProvider is not null ? "provider object"
            : AccessTokenProvider is not null ? "provider callback"
            : string.IsNullOrEmpty(AccessToken) ? "not set" : "set (hidden)";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"AsanaClientOptions {{ BaseAddress = {BaseAddress}, AccessToken = {token}, PageSize = {PageSize}, RequestsPerMinute = {RequestsPerMinute}, SearchRequestsPerMinute = {SearchRequestsPerMinute}, " +
            $"MaxConcurrentRequests = {MaxConcurrentRequests}, TotalRequestTimeout = {TotalRequestTimeout}, AttemptTimeout = {AttemptTimeout}, " +
            $"MaxRetryAttempts = {MaxRetryAttempts}, RetryBaseDelay = {RetryBaseDelay}, MaxRetryDelay = {MaxRetryDelay}, MaxRetryAfter = {MaxRetryAfter} }}");
    }

    /// <summary>An independent copy with a normalised base address, so later changes to this instance do not leak into a built client.</summary>
    internal AsanaClientOptions Snapshot()
    {
        var baseAddress = BaseAddress;
        if (baseAddress is not null && baseAddress.IsAbsoluteUri && !baseAddress.AbsolutePath.EndsWith('/'))
        {
            baseAddress = new Uri(baseAddress.AbsoluteUri + "/");
        }

        return new AsanaClientOptions
        {
            BaseAddress = baseAddress!,
            AccessToken = AccessToken,
            AccessTokenProvider = AccessTokenProvider,
            TokenProvider = TokenProvider,
            PageSize = PageSize,
            RequestsPerMinute = RequestsPerMinute,
            SearchRequestsPerMinute = SearchRequestsPerMinute,
            MaxConcurrentRequests = MaxConcurrentRequests,
            TotalRequestTimeout = TotalRequestTimeout,
            AttemptTimeout = AttemptTimeout,
            MaxRetryAttempts = MaxRetryAttempts,
            RetryBaseDelay = RetryBaseDelay,
            MaxRetryDelay = MaxRetryDelay,
            MaxRetryAfter = MaxRetryAfter,
        };
    }

    /// <summary>The token source by precedence, or null when none is configured here.</summary>
    internal Func<CancellationToken, ValueTask<string>>? ResolveTokenSource()
    {
        if (TokenProvider is { } provider)
        {
            return provider.GetAccessTokenAsync;
        }

        if (AccessTokenProvider is { } callback)
        {
            return callback;
        }

        if (!string.IsNullOrWhiteSpace(AccessToken))
        {
            var token = AccessToken;
            return _ => ValueTask.FromResult(token);
        }

        return null;
    }
}
