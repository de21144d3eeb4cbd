namespace Asana.Client;

/// <summary>What a client has sent so far: every attempt counts, as Asana counts it against the quota.</summary>
/// <param name="Attempts">HTTP attempts sent (first tries and retries).</param>
/// <param name="Retries">Attempts that were retries of a failed one (429, 5xx, resets, timeouts, broken bodies).</param>
/// <param name="RateLimited">Retries that followed a 429 Too Many Requests.</param>
public sealed record AsanaClientStatistics(long Attempts, long Retries, long RateLimited)
{
    /// <summary>All zeros: what a client that does not count reports.</summary>
    public static AsanaClientStatistics None { get; } = new(0, 0, 0);

    /// <summary>The difference since an earlier reading, e.g. what one sync sent.</summary>
    /// <param name="earlier">The earlier reading.</param>
    /// <returns>This reading minus <paramref name="earlier"/>.</returns>
    public AsanaClientStatistics Since(AsanaClientStatistics earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(Attempts - earlier.Attempts, Retries - earlier.Retries, RateLimited - earlier.RateLimited);
    }
}
