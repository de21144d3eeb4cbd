namespace Asana.Simulator;

/// <summary>
/// Deterministic fault injection for <see cref="SimulatedAsana"/>. Rules are checked in the order they were added,
/// for every request after authentication; the first that fires answers the request. Counting ("the Nth request")
/// is per rule, over the requests that match the rule's kind filter, from when the rule was added. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly Dictionary<string, (ProjectFaultTarget Targets, int Status)> _projects = new(StringComparer.Ordinal);
    private TimeSpan? _retryAfter = TimeSpan.FromSeconds(1);
    private bool _rejectAllTokens;
    private long _injected;

    /// <summary>The <c>Retry-After</c> sent with 429 (whole seconds, rounded up); null sends none. Default 1 s.</summary>
    public TimeSpan? RetryAfter
    {
        get { lock (_gate) { return _retryAfter; } }
        set { lock (_gate) { _retryAfter = value; } }
    }

    /// <summary>When true every request gets 401, as if the token had been revoked.</summary>
    public bool RejectAllTokens
    {
        get { lock (_gate) { return _rejectAllTokens; } }
        set { lock (_gate) { _rejectAllTokens = value; } }
    }

    /// <summary>How many requests were answered by a fault so far.</summary>
    public long Injected => Interlocked.Read(ref _injected);

    /// <summary>Fails the <paramref name="n"/>th matching request (1-based) from now, once.</summary>
    /// <param name="n">Which request.</param>
    /// <param name="fault">The failure.</param>
    /// <param name="only">Count only requests of this kind; all when null.</param>
    public void FailNth(int n, FaultKind fault, RequestKind? only = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        Add(new Rule(fault, only) { From = n, To = n });
    }

    /// <summary>Fails the next <paramref name="count"/> matching requests (e.g. two 429s, then success).</summary>
    /// <param name="count">How many.</param>
    /// <param name="fault">The failure.</param>
    /// <param name="only">Count only requests of this kind; all when null.</param>
    public void FailNext(int count, FaultKind fault, RequestKind? only = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Add(new Rule(fault, only) { From = 1, To = count });
    }

    /// <summary>Lets <paramref name="n"/> matching requests through, then fails every later one (a server that dies).</summary>
    /// <param name="n">How many succeed first.</param>
    /// <param name="fault">The failure.</param>
    /// <param name="only">Count only requests of this kind; all when null.</param>
    public void FailAfter(int n, FaultKind fault, RequestKind? only = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        Add(new Rule(fault, only) { From = n + 1, To = long.MaxValue });
    }

    /// <summary>Fails a share of the matching requests, chosen by a seeded generator (deterministic per seed and order).</summary>
    /// <param name="rate">Between 0 and 1.</param>
    /// <param name="fault">The failure.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="only">Only requests of this kind; all when null.</param>
    public void FailRate(double rate, FaultKind fault, int seed = 1, RequestKind? only = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        Add(new Rule(fault, only) { From = 1, To = long.MaxValue, Rate = rate, Random = new Random(seed) });
    }

    /// <summary>Refuses reads about one project with 403 or 404, until <see cref="Clear"/>.</summary>
    /// <param name="projectGid">The project.</param>
    /// <param name="statusCode">403 or 404.</param>
    /// <param name="targets">Which reads; memberships and tasks by default.</param>
    public void FailProject(string projectGid, int statusCode = 403, ProjectFaultTarget targets = ProjectFaultTarget.Memberships | ProjectFaultTarget.Tasks)
    {
        ArgumentNullException.ThrowIfNull(projectGid);
        if (statusCode is not (403 or 404))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), "403 or 404.");
        }

        lock (_gate)
        {
            _projects[projectGid] = (targets, statusCode);
        }
    }

    /// <summary>Removes every rule, project fault and <see cref="RejectAllTokens"/>; resets <see cref="Injected"/>.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _projects.Clear();
            _rejectAllTokens = false;
            _retryAfter = TimeSpan.FromSeconds(1);
            Interlocked.Exchange(ref _injected, 0);
        }
    }

    internal FaultKind? Evaluate(RequestKind kind)
    {
        lock (_gate)
        {
            if (_rejectAllTokens)
            {
                Interlocked.Increment(ref _injected);
                return FaultKind.Unauthorized;
            }

            FaultKind? result = null;
            foreach (var rule in _rules)
            {
                if (rule.Only is { } only && only != kind)
                {
                    continue;
                }

                // Every matching rule counts the request, so that each rule's "Nth" is independent of the others.
                rule.Seen++;
                if (result is null && rule.Seen >= rule.From && rule.Seen <= rule.To && (rule.Random is null || rule.Random.NextDouble() < rule.Rate))
                {
                    result = rule.Fault;
                }
            }

            if (result is not null)
            {
                Interlocked.Increment(ref _injected);
            }

            return result;
        }
    }

    /// <summary>Takes back the count of a fault <see cref="Evaluate"/> chose but the response could not carry.</summary>
    internal void NotInjected() => Interlocked.Decrement(ref _injected);

    internal int? EvaluateProject(string? projectGid, ProjectFaultTarget target)
    {
        if (projectGid is null || target == ProjectFaultTarget.None)
        {
            return null;
        }

        lock (_gate)
        {
            if (_projects.TryGetValue(projectGid, out var fault) && (fault.Targets & target) != 0)
            {
                Interlocked.Increment(ref _injected);
                return fault.Status;
            }

            return null;
        }
    }

    private void Add(Rule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    private sealed class Rule(FaultKind fault, RequestKind? only)
    {
        public FaultKind Fault { get; } = fault;
        public RequestKind? Only { get; } = only;
        public long From { get; init; }
        public long To { get; init; }
        public double Rate { get; init; } = 1;
        public Random? Random { get; init; }
        public long Seen { get; set; }
    }
}
