using System.Collections.Concurrent;

namespace Asana.Sync.AspNetCore.Tests;

/// <summary>A sink that records every delivery; it can be told to fail the next ones.</summary>
internal sealed class RecordingSink : IAsanaWebhookEventSink
{
    private int _failNext;

    public ConcurrentQueue<AsanaWebhookDelivery> Deliveries { get; } = new();

    public int Failures { get; private set; }

    public void FailNext(int count) => Volatile.Write(ref _failNext, count);

    public Task OnEventsAsync(AsanaWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            Failures++;
            throw new InvalidOperationException("sink down");
        }

        Deliveries.Enqueue(delivery);
        return Task.CompletedTask;
    }
}
