namespace Asana.Sync.AspNetCore;

/// <summary>
/// The sink that turns verified webhook deliveries into targeted refreshes: each delivery's events become a
/// <see cref="RefreshScope"/> queued on a <see cref="RefreshQueue"/>, which merges bursts and commits through the store's
/// normal writer. Asana gets its 200 as soon as the scope is queued.
/// </summary>
public sealed class RefreshQueueEventSink : IAsanaWebhookEventSink
{
    private readonly RefreshQueue _queue;

    /// <summary>Creates the sink.</summary>
    /// <param name="queue">The queue the scopes go to.</param>
    public RefreshQueueEventSink(RefreshQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _queue = queue;
    }

    /// <inheritdoc />
    public Task OnEventsAsync(AsanaWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        // A project webhook's events without a parent (a section changed, a member removed) are about that project.
        var project = delivery.ResourceGid == delivery.WorkspaceGid ? null : delivery.ResourceGid;
        _queue.Enqueue(delivery.WorkspaceGid, RefreshScope.FromEvents(delivery.Events, project));
        return Task.CompletedTask;
    }
}
