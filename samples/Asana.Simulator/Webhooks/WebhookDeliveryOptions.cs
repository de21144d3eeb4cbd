namespace Asana.Simulator;

/// <summary>
/// How <see cref="SimulatedWebhooks"/> delivers, as Asana does: batches of events signed with the webhook's secret,
/// heartbeats when nothing happens, at-most-once (some events lost, some duplicated, some out of order: seeded, so a
/// run is repeatable), retries with exponential backoff, and deletion of a webhook that keeps failing.
/// Times are read from <see cref="SimulatorOptions.TimeProvider"/>.
/// </summary>
public sealed record WebhookDeliveryOptions
{
    /// <summary>
    /// How often the server runs a delivery round by itself; null for never (a test then calls
    /// <see cref="SimulatedWebhooks.DeliverAsync"/>). Asana delivers within a minute on average.
    /// </summary>
    public TimeSpan? DeliveryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A webhook that had nothing to deliver for this long gets a heartbeat (<c>{"events":[]}</c>). Asana: 8 hours.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Events per delivery at most (more wait for the next round).</summary>
    public int MaxEventsPerDelivery { get; init; } = 100;

    /// <summary>Share of events never delivered (0–1).</summary>
    public double LossRate { get; init; }

    /// <summary>Share of events delivered twice (0–1).</summary>
    public double DuplicateRate { get; init; }

    /// <summary>Share of events swapped with the one queued before them (0–1).</summary>
    public double ReorderRate { get; init; }

    /// <summary>Seeds loss, duplication and reordering.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The first retry's delay after a failed delivery; each further failure doubles it.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest delay between retries.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Consecutive failed deliveries after which the webhook is deleted; null to go by time only.</summary>
    public int? FailuresBeforeDeletion { get; init; }

    /// <summary>How long deliveries may keep failing before the webhook is deleted. Asana: 24 hours.</summary>
    public TimeSpan DeleteAfterFailingFor { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long the target may take to answer a handshake or a delivery (Asana: 10 seconds).</summary>
    public TimeSpan TargetTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The defaults.</summary>
    public static WebhookDeliveryOptions Default { get; } = new();
}
