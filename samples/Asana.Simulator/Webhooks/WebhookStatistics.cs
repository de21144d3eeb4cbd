namespace Asana.Simulator;

/// <summary>What <see cref="SimulatedWebhooks"/> has done so far.</summary>
/// <param name="Handshakes">Handshakes sent (<c>POST /webhooks</c>).</param>
/// <param name="FailedHandshakes">Handshakes the target did not confirm (no webhook created).</param>
/// <param name="Deliveries">Deliveries attempted, heartbeats included.</param>
/// <param name="FailedDeliveries">Deliveries the target did not answer with a 2xx in time.</param>
/// <param name="Heartbeats">Heartbeats attempted.</param>
/// <param name="EventsDelivered">Events in successful deliveries (duplicates counted twice).</param>
/// <param name="EventsLost">Events dropped on purpose (<see cref="WebhookDeliveryOptions.LossRate"/>).</param>
/// <param name="EventsDuplicated">Events queued twice on purpose (<see cref="WebhookDeliveryOptions.DuplicateRate"/>).</param>
/// <param name="WebhooksDeletedForFailures">Webhooks deleted because their deliveries kept failing.</param>
public sealed record WebhookStatistics(
    int Handshakes,
    int FailedHandshakes,
    int Deliveries,
    int FailedDeliveries,
    int Heartbeats,
    int EventsDelivered,
    int EventsLost,
    int EventsDuplicated,
    int WebhooksDeletedForFailures);
