using System.Threading.RateLimiting;

namespace Asana.Client.Resilience;

/// <summary>
/// Client-side pacing shared by every request of one client: a pause gate (a 429 with Retry-After stops everyone,
/// since Asana's quota is per token), an adaptive concurrency limit (Asana allows 50 concurrent reads) and a token
/// bucket at the plan's per-minute quota, so a sync runs at the quota instead of bouncing off 429s.
/// </summary>
/// <remarks>
/// The bucket holds 5% of a minute's quota and refills the other 95% evenly, so no 60-second window (however Asana
/// aligns it) sees more than <c>RequestsPerMinute</c>. Refill is driven by a <see cref="TimeProvider"/> timer so tests
/// can control time.
/// </remarks>
internal sealed class AsanaThrottle : IDisposable
{
    private static readonly TimeSpan MinimumRefillPeriod = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _timeProvider;
    private readonly TokenBucketRateLimiter _bucket;
    private readonly ITimer _refillTimer;
    private long _pausedUntilUtcTicks;
    private long _attempts;
    private long _retries;
    private long _rateLimited;

    public AsanaThrottle(int requestsPerMinute, int maxConcurrentRequests, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerMinute, 1);
        _timeProvider = timeProvider;
        Concurrency = new AdaptiveConcurrencyLimiter(maxConcurrentRequests, timeProvider);

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

    public AdaptiveConcurrencyLimiter Concurrency { get; }

    /// <summary>The counters of every attempt paced by this throttle (one throttle per client).</summary>
    public AsanaClientStatistics Statistics => new(Interlocked.Read(ref _attempts), Interlocked.Read(ref _retries), Interlocked.Read(ref _rateLimited));

    public void RecordAttempt() => Interlocked.Increment(ref _attempts);

    public void RecordRetry(bool rateLimited)
    {
        Interlocked.Increment(ref _retries);
        if (rateLimited)
        {
            Interlocked.Increment(ref _rateLimited);
        }
    }

    public TimeSpan RefillPeriod { get; }

    public int TokenLimit { get; }

    public int TokensPerPeriod { get; }

    /// <summary>Available rate tokens (diagnostics and tests).</summary>
    public long AvailableTokens => _bucket.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>Waits for the pause gate, a concurrency permit and a rate token; dispose the lease when the attempt ends.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        await WaitWhilePausedAsync(cancellationToken);
        await Concurrency.AcquireAsync(cancellationToken);
        try
        {
            var token = await _bucket.AcquireAsync(1, cancellationToken);
            if (!token.IsAcquired)
            {
                Concurrency.Release();
                return token;
            }

            token.Dispose();
            return new ConcurrencyLease(Concurrency);
        }
        catch
        {
            Concurrency.Release();
            throw;
        }
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
        _refillTimer.Dispose();
        _bucket.Dispose();
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
