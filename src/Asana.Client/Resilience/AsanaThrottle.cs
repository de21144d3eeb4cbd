using System.Net;
using System.Threading.RateLimiting;

namespace Asana.Client.Resilience;

/// <summary>
/// Client-side pacing shared by every request of one client: a pause gate (a 429 with Retry-After stops everyone,
/// since Asana's quota is per token), an adaptive concurrency limit (Asana allows 50 concurrent reads) and a token
/// bucket at the plan's per-minute quota, so a sync runs at the quota instead of bouncing off 429s. Search requests
/// (<c>/workspaces/{gid}/tasks/search</c>) also take a token from a second bucket at Asana's separate search quota
/// (60 per minute), so paging through a large search cannot trip it.
/// </summary>
/// <remarks>
/// Each bucket holds 5% of a minute's quota and refills the other 95% evenly, so no 60-second window (however Asana
/// aligns it) sees more than <c>RequestsPerMinute</c>. Refill is driven by a <see cref="TimeProvider"/> timer so tests
/// can control time.
/// </remarks>
internal sealed class AsanaThrottle : IDisposable
{
    /// <summary>Asana's separate quota for the search endpoints, per minute.</summary>
    public const int DefaultSearchRequestsPerMinute = 60;

    private readonly TimeProvider _timeProvider;
    private readonly PacedBucket _general;
    private readonly PacedBucket _search;
    private long _pausedUntilUtcTicks;
    private long _attempts;
    private long _retries;
    private long _rateLimited;

    public AsanaThrottle(int requestsPerMinute, int maxConcurrentRequests, TimeProvider timeProvider, int searchRequestsPerMinute = DefaultSearchRequestsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerMinute, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(searchRequestsPerMinute, 1);
        _timeProvider = timeProvider;
        Concurrency = new AdaptiveConcurrencyLimiter(maxConcurrentRequests, timeProvider);
        _general = new PacedBucket(requestsPerMinute, timeProvider);
        _search = new PacedBucket(searchRequestsPerMinute, timeProvider);
    }

    public AdaptiveConcurrencyLimiter Concurrency { get; }

    /// <summary>The counters of every attempt paced by this throttle (one throttle per client).</summary>
    public AsanaClientStatistics Statistics => new(Interlocked.Read(ref _attempts), Interlocked.Read(ref _retries), Interlocked.Read(ref _rateLimited));

    private void RecordAttempt() => Interlocked.Increment(ref _attempts);

    public void RecordRetry(bool rateLimited)
    {
        Interlocked.Increment(ref _retries);
        if (rateLimited)
        {
            Interlocked.Increment(ref _rateLimited);
        }
    }

    public TimeSpan RefillPeriod => _general.RefillPeriod;

    public int TokenLimit => _general.TokenLimit;

    public int TokensPerPeriod => _general.TokensPerPeriod;

    /// <summary>Available rate tokens (diagnostics and tests).</summary>
    public long AvailableTokens => _general.AvailableTokens;

    /// <summary>The refill period of the search bucket.</summary>
    public TimeSpan SearchRefillPeriod => _search.RefillPeriod;

    /// <summary>The burst of the search bucket.</summary>
    public int SearchTokenLimit => _search.TokenLimit;

    /// <summary>Search tokens refilled per <see cref="SearchRefillPeriod"/>.</summary>
    public int SearchTokensPerPeriod => _search.TokensPerPeriod;

    /// <summary>Available search tokens (diagnostics and tests).</summary>
    public long AvailableSearchTokens => _search.AvailableTokens;

    /// <summary>Whether a request goes to a search endpoint, which Asana paces with its own, much smaller quota.</summary>
    public static bool IsSearch(HttpRequestMessage? request) =>
        request?.RequestUri is { } uri
        && (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', 2)[0]).EndsWith("/search", StringComparison.Ordinal);

    /// <summary>Waits for the pause gate, a concurrency permit and a rate token; dispose the lease when the attempt ends.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => AcquireAsync(search: false, cancellationToken);

    /// <summary>
    /// Waits for the pause gate, a search token when <paramref name="search"/> (before any concurrency permit, so a search
    /// waiting for its own quota holds up nobody else), a concurrency permit and a general rate token. Dispose the lease
    /// when the attempt ends.
    /// </summary>
    public async ValueTask<RateLimitLease> AcquireAsync(bool search, CancellationToken cancellationToken)
    {
        await WaitWhilePausedAsync(cancellationToken);
        if (search)
        {
            using var searchToken = await _search.AcquireAsync(cancellationToken);
            if (!searchToken.IsAcquired)
            {
                return searchToken;
            }
        }

        await Concurrency.AcquireAsync(cancellationToken);
        try
        {
            var token = await _general.AcquireAsync(cancellationToken);
            if (!token.IsAcquired)
            {
                Concurrency.Release();
                return token;
            }

            token.Dispose();
            RecordAttempt(); // counted only once it will really be sent
            return new ConcurrencyLease(Concurrency);
        }
        catch
        {
            Concurrency.Release();
            throw;
        }
    }

    /// <summary>
    /// Learns from every answer, retried or not: a 429 pauses the whole client for its Retry-After, or, without one
    /// (Asana's concurrency limit), lowers concurrency. Returns the new limit when it lowered it.
    /// </summary>
    public int? Observe(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        if (RetryAfter.Read(response, _timeProvider) is { } wait)
        {
            PauseFor(wait);
            return null;
        }

        return Concurrency.Reduce();
    }

    /// <summary>Holds every new attempt until <paramref name="delay"/> from now (extends, never shortens, a pause).</summary>
    public void PauseFor(TimeSpan delay)
    {
        var until = _timeProvider.GetUtcNow().Add(delay).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _pausedUntilUtcTicks);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _pausedUntilUtcTicks, until, current) != current);
    }

    public void Dispose()
    {
        _general.Dispose();
        _search.Dispose();
    }

    private async ValueTask WaitWhilePausedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = new DateTimeOffset(Interlocked.Read(ref _pausedUntilUtcTicks), TimeSpan.Zero) - _timeProvider.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _timeProvider, cancellationToken);
        }
    }

    /// <summary>
    /// A token bucket at a per-minute quota: it holds 5% of a minute's quota and refills the other 95% evenly, driven by
    /// a <see cref="TimeProvider"/> timer.
    /// </summary>
    private sealed class PacedBucket : IDisposable
    {
        private static readonly TimeSpan MinimumRefillPeriod = TimeSpan.FromMilliseconds(100);

        private readonly TokenBucketRateLimiter _bucket;
        private readonly ITimer _refillTimer;

        public PacedBucket(int requestsPerMinute, TimeProvider timeProvider)
        {
            var burst = Math.Max(1, requestsPerMinute / 20);
            var perSecond = Math.Max(1, requestsPerMinute - burst) / 60.0;

            // Whole tokens per refill, at least every 100 ms: timers are too coarse for a 40 ms period at high quotas.
            var tokensPerPeriod = Math.Max(1, (int)Math.Ceiling(perSecond * MinimumRefillPeriod.TotalSeconds));
            RefillPeriod = TimeSpan.FromSeconds(tokensPerPeriod / perSecond);
            TokenLimit = Math.Max(burst, tokensPerPeriod);
            TokensPerPeriod = tokensPerPeriod;

            _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = TokenLimit,
                TokensPerPeriod = tokensPerPeriod,
                // The limiter times non-automatic refills with its own Stopwatch; a one-tick period makes every
                // TryReplenish count, so the TimeProvider timer below alone sets the cadence.
                ReplenishmentPeriod = TimeSpan.FromTicks(1),
                AutoReplenishment = false,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            _refillTimer = timeProvider.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), _bucket, RefillPeriod, RefillPeriod);
        }

        public TimeSpan RefillPeriod { get; }

        public int TokenLimit { get; }

        public int TokensPerPeriod { get; }

        public long AvailableTokens => _bucket.GetStatistics()?.CurrentAvailablePermits ?? 0;

        public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => _bucket.AcquireAsync(1, cancellationToken);

        public void Dispose()
        {
            _refillTimer.Dispose();
            _bucket.Dispose();
        }
    }

    private sealed class ConcurrencyLease(AdaptiveConcurrencyLimiter limiter) : RateLimitLease
    {
        private int _disposed;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                limiter.Release();
            }

            base.Dispose(disposing);
        }
    }
}
