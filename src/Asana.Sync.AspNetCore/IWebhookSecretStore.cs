namespace Asana.Sync.AspNetCore;

/// <summary>
/// Where webhook registrations, their secrets and the deliveries accepted recently (the replay defence) are kept.
/// Implementations: <see cref="Storage.SqliteWebhookSecretStore"/> (survives restarts) and
/// <see cref="Storage.InMemoryWebhookSecretStore"/>. Every member is safe to call concurrently.
/// </summary>
public interface IWebhookSecretStore
{
    /// <summary>Adds or replaces a registration.</summary>
    /// <param name="registration">The registration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is stored.</returns>
    Task SaveAsync(WebhookRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>A registration by id.</summary>
    /// <param name="registrationId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registration, or null.</returns>
    Task<WebhookRegistration?> GetAsync(string registrationId, CancellationToken cancellationToken = default);

    /// <summary>The registrations of a workspace.</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registrations.</returns>
    Task<IReadOnlyList<WebhookRegistration>> ListAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the handshake's secret, atomically, only if the registration exists, has no secret yet and was started at
    /// or after <paramref name="startedAfter"/>: a second handshake, or one for a registration nobody started, changes nothing.
    /// </summary>
    /// <param name="registrationId">The id.</param>
    /// <param name="secret">The secret.</param>
    /// <param name="startedAfter">The oldest start time still awaiting its handshake.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the secret was stored.</returns>
    Task<bool> TryCompleteHandshakeAsync(string registrationId, string secret, DateTimeOffset startedAfter, CancellationToken cancellationToken = default);

    /// <summary>Removes a registration and what was remembered of its deliveries.</summary>
    /// <param name="registrationId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is removed.</returns>
    Task DeleteAsync(string registrationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Remembers a delivery (by the hash of its body) until <paramref name="expiresAt"/>, atomically: false when it is
    /// already remembered and not expired, i.e. a replay.
    /// </summary>
    /// <param name="registrationId">The webhook's registration.</param>
    /// <param name="bodyHash">The SHA-256 of the raw body.</param>
    /// <param name="now">Now (expired entries do not count).</param>
    /// <param name="expiresAt">When to forget it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True the first time, false for a replay.</returns>
    Task<bool> TryRememberDeliveryAsync(string registrationId, byte[] bodyHash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Forgets a delivery (its handling failed, so Asana's retry must be accepted).</summary>
    /// <param name="registrationId">The webhook's registration.</param>
    /// <param name="bodyHash">The SHA-256 of the raw body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is forgotten.</returns>
    Task ForgetDeliveryAsync(string registrationId, byte[] bodyHash, CancellationToken cancellationToken = default);
}
