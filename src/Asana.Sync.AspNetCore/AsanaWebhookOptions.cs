namespace Asana.Sync.AspNetCore;

/// <summary>How webhooks are received and registered.</summary>
public sealed class AsanaWebhookOptions
{
    /// <summary>
    /// The path the receiver listens under; each webhook's target is <c>{public base URL}{RoutePrefix}/{registration id}</c>.
    /// </summary>
    public string RoutePrefix { get; set; } = "/asana/webhooks";

    /// <summary>The largest delivery body accepted (larger gets 413 before anything else is done). 1 MiB by default.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long an accepted delivery is remembered, so the same body is not accepted twice; deliveries whose events are
    /// all older than this are refused as stale. Asana retries a failed delivery for up to 24 hours, so 24 hours by default.
    /// </summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long after a registration is started its handshake is accepted (the handshake comes during <c>POST /webhooks</c>).</summary>
    public TimeSpan HandshakeWindow { get; set; } = TimeSpan.FromMinutes(5);
}
