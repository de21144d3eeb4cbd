namespace Asana.Simulator;

/// <summary>A webhook as the simulator holds it (what <c>GET /webhooks</c> shows, plus its queue).</summary>
/// <param name="Gid">The webhook gid.</param>
/// <param name="ResourceGid">The resource it watches.</param>
/// <param name="ResourceType">That resource's type (<c>workspace</c>, <c>project</c>, …).</param>
/// <param name="Target">Where it delivers.</param>
/// <param name="Active">False while deliveries fail.</param>
/// <param name="ConsecutiveFailures">Failed deliveries since the last success.</param>
/// <param name="PendingEvents">Events waiting to be delivered.</param>
/// <param name="NextAttemptAt">When the next delivery may be tried.</param>
public sealed record SimulatedWebhook(
    string Gid,
    string ResourceGid,
    string ResourceType,
    Uri Target,
    bool Active,
    int ConsecutiveFailures,
    int PendingEvents,
    DateTimeOffset NextAttemptAt);
