using System.Collections.Concurrent;
using Asana.Client;
using Asana.Client.Models;

namespace Asana.Sync.Internal;

/// <summary>Counts every Asana request of one sync by kind, and pages listings to the end (restarting on an expired offset).</summary>
internal sealed class ApiCalls
{
    private readonly ConcurrentDictionary<string, int> _byKind = new(StringComparer.Ordinal);
    private readonly Action _onRequest;
    private int _total;
    private int _pages;
    private int _failed;

    public ApiCalls(Action onRequest) => _onRequest = onRequest;

    public int Total => Volatile.Read(ref _total);

    public async Task<T> CallAsync<T>(string kind, Func<Task<T>> call, bool page = false)
    {
        Interlocked.Increment(ref _total);
        if (page)
        {
            Interlocked.Increment(ref _pages);
        }

        _byKind.AddOrUpdate(kind, 1, static (_, n) => n + 1);
        SyncTelemetry.Requests.Add(1, new KeyValuePair<string, object?>("kind", kind));
        _onRequest();
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
            throw;
        }
    }

    /// <summary>Reads a listing to the end, one counted request per page. An expired offset restarts it from page 1.</summary>
    public async Task<List<T>> ListAsync<T>(string kind, AsanaPageable<T> pageable, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var items = new List<T>();
            try
            {
                // Each MoveNextAsync sends one request while the previous page named a next one (and for the first).
                await using var pages = pageable.AsPages().GetAsyncEnumerator(cancellationToken);
                var morePages = true;
                while (morePages)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!await CallAsync(kind, () => pages.MoveNextAsync().AsTask(), page: true))
                    {
                        break;
                    }

                    items.AddRange(pages.Current.Items);
                    morePages = pages.Current.NextOffset is not null;
                }

                return items;
            }
            catch (AsanaApiException ex) when (ex.IsOffsetExpired && attempt < 2)
            {
                // Restart the listing from page 1; callers dedupe by gid.
            }
        }
    }

    public SyncCallCounts Snapshot(int retries = 0) =>
        new(Total, new SortedDictionary<string, int>(_byKind, StringComparer.Ordinal), Volatile.Read(ref _pages), Volatile.Read(ref _failed), retries);
}
