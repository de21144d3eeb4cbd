namespace Asana.Client.Resilience;

/// <summary>
/// A FIFO concurrency limit that can shrink: Asana's concurrent-request limit answers 429 without a usable
/// Retry-After, so on such a 429 the limit halves (at most once per <see cref="ReductionQuietPeriod"/>, so one burst of
/// 429s counts once), then grows back by one permit per <see cref="RecoveryStep"/> once
/// <see cref="RecoveryDelay"/> has passed without another reduction.
/// </summary>
internal sealed class AdaptiveConcurrencyLimiter
{
    internal static readonly TimeSpan ReductionQuietPeriod = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan RecoveryDelay = TimeSpan.FromSeconds(10);
    internal static readonly TimeSpan RecoveryStep = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private readonly TimeProvider _timeProvider;
    private readonly int _maxLimit;
    private int _limit;
    private int _inFlight;
    private long _lastReduction;
    private long _nextIncrease;

    public AdaptiveConcurrencyLimiter(int maxLimit, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLimit, 1);
        _maxLimit = maxLimit;
        _limit = maxLimit;
        _timeProvider = timeProvider;
        _lastReduction = long.MinValue;
    }

    /// <summary>The current limit (for tests and diagnostics).</summary>
    public int CurrentLimit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }
    }

    /// <summary>Requests in flight.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Waits for a permit. Each successful call must be matched by one <see cref="Release"/>.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (_waiters.Count == 0 && _inFlight < _limit)
            {
                _inFlight++;
                return;
            }

            node = _waiters.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        await using (cancellationToken.Register(() => Cancel(node, cancellationToken)))
        {
            await node.Value.Task;
        }
    }

    /// <summary>Returns a permit and hands it to the next waiter if the (possibly lowered) limit allows.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _inFlight--;
            var now = _timeProvider.GetTimestamp();
            if (_limit < _maxLimit && now >= _nextIncrease)
            {
                _limit++;
                _nextIncrease = now + ToTicks(RecoveryStep);
            }

            GrantWaiters();
        }
    }

    /// <summary>Halves the limit (not below 1); returns the new limit, or null when a recent reduction already covered this burst.</summary>
    public int? Reduce()
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            if (_lastReduction != long.MinValue && now - _lastReduction < ToTicks(ReductionQuietPeriod))
            {
                return null;
            }

            _lastReduction = now;
            _limit = Math.Max(1, _limit / 2);
            _nextIncrease = now + ToTicks(RecoveryDelay);
            return _limit;
        }
    }

    private void GrantWaiters()
    {
        while (_inFlight < _limit && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            _inFlight++;
            first.Value.TrySetResult();
        }
    }

    private void Cancel(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Already granted: the permit is the caller's, who releases it through the lease as usual.
            if (node.List is null)
            {
                return;
            }

            _waiters.Remove(node);
        }

        node.Value.TrySetCanceled(cancellationToken);
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _timeProvider.TimestampFrequency);
}
