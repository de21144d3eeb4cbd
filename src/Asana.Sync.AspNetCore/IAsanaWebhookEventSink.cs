namespace Asana.Sync.AspNetCore;

/// <summary>
/// Where verified webhook events go: typically a targeted refresh of what they name. Called once per accepted delivery
/// (signature checked, not a heartbeat, not seen before), before Asana gets its 200. Throwing makes the receiver answer
/// 500 and forget the delivery, so Asana's retry of it is accepted again.
/// </summary>
public interface IAsanaWebhookEventSink
{
    /// <summary>Handles one delivery.</summary>
    /// <param name="delivery">The events and the webhook they came through.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>A task that completes when the events are handled (or durably queued).</returns>
    Task OnEventsAsync(AsanaWebhookDelivery delivery, CancellationToken cancellationToken);
}
