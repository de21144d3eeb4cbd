namespace Asana.Simulator;

/// <summary>
/// Thread-safe request counters by <see cref="RequestKind"/>: every request is counted once in <see cref="Total"/>
/// and its kind; those answered with a status other than 2xx (or aborted) are also counted as rejected.
/// </summary>
public sealed class RequestLog
{
    private static readonly int KindCount = Enum.GetValues<RequestKind>().Length;
    private readonly long[] _counts = new long[KindCount];
    private readonly long[] _rejected = new long[KindCount];

    /// <summary>All requests since the last <see cref="Reset"/>.</summary>
    public long Total => Enumerable.Range(0, KindCount).Sum(i => Interlocked.Read(ref _counts[i]));

    /// <summary>Requests answered with a non-2xx status or aborted, since the last <see cref="Reset"/>.</summary>
    public long TotalRejected => Enumerable.Range(0, KindCount).Sum(i => Interlocked.Read(ref _rejected[i]));

    /// <summary>Requests of one kind (rejected ones included).</summary>
    /// <param name="kind">The endpoint kind.</param>
    /// <returns>The count.</returns>
    public long Count(RequestKind kind) => Interlocked.Read(ref _counts[(int)kind]);

    /// <summary>Rejected requests of one kind.</summary>
    /// <param name="kind">The endpoint kind.</param>
    /// <returns>The count.</returns>
    public long Rejected(RequestKind kind) => Interlocked.Read(ref _rejected[(int)kind]);

    /// <summary>A snapshot of every non-zero count.</summary>
    /// <returns>Kind → count.</returns>
    public IReadOnlyDictionary<RequestKind, long> Snapshot() =>
        Enum.GetValues<RequestKind>().Where(k => Count(k) > 0).ToDictionary(k => k, Count);

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        for (var i = 0; i < KindCount; i++)
        {
            Interlocked.Exchange(ref _counts[i], 0);
            Interlocked.Exchange(ref _rejected[i], 0);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"total {Total} (rejected {TotalRejected}): " + string.Join(", ", Snapshot().Select(p => $"{p.Key} {p.Value}"));

    internal void Record(RequestKind kind, bool rejected)
    {
        Interlocked.Increment(ref _counts[(int)kind]);
        if (rejected)
        {
            Interlocked.Increment(ref _rejected[(int)kind]);
        }
    }
}
