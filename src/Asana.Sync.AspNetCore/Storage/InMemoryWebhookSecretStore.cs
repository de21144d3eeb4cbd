namespace Asana.Sync.AspNetCore.Storage;

/// <summary>
/// Registrations, secrets and remembered deliveries in memory: lost on restart (the webhooks then fail their signatures
/// until the next sync re-creates them). For tests and single-process hosts that accept that.
/// </summary>
public sealed class InMemoryWebhookSecretStore : IWebhookSecretStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WebhookRegistration> _registrations = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), DateTimeOffset> _deliveries = [];

    /// <inheritdoc />
    public Task SaveAsync(WebhookRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        lock (_gate)
        {
            _registrations[registration.RegistrationId] = registration;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<WebhookRegistration?> GetAsync(string registrationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_registrations.GetValueOrDefault(registrationId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookRegistration>> ListAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WebhookRegistration>>(
                _registrations.Values.Where(r => r.WorkspaceGid == workspaceGid).OrderBy(r => r.RegistrationId, StringComparer.Ordinal).ToList());
        }
    }

    /// <inheritdoc />
    public Task<bool> TryCompleteHandshakeAsync(string registrationId, string secret, DateTimeOffset startedAfter, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        lock (_gate)
        {
            if (!_registrations.TryGetValue(registrationId, out var registration) || registration.HasSecret || registration.CreatedAt < startedAfter)
            {
                return Task.FromResult(false);
            }

            _registrations[registrationId] = registration with { Secret = secret };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string registrationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _registrations.Remove(registrationId);
            foreach (var key in _deliveries.Keys.Where(k => k.Item1 == registrationId).ToList())
            {
                _deliveries.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> TryRememberDeliveryAsync(string registrationId, byte[] bodyHash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bodyHash);
        var key = (registrationId, Convert.ToHexString(bodyHash));
        lock (_gate)
        {
            if (_deliveries.TryGetValue(key, out var until) && until > now)
            {
                return Task.FromResult(false);
            }

            // Expired entries go when a new one comes in: memory stays bounded by the deliveries of one window.
            foreach (var stale in _deliveries.Where(d => d.Value <= now).Select(d => d.Key).ToList())
            {
                _deliveries.Remove(stale);
            }

            _deliveries[key] = expiresAt;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task ForgetDeliveryAsync(string registrationId, byte[] bodyHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bodyHash);
        lock (_gate)
        {
            _deliveries.Remove((registrationId, Convert.ToHexString(bodyHash)));
        }

        return Task.CompletedTask;
    }
}
