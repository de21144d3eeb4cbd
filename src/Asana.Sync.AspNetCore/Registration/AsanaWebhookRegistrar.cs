using System.Net;
using System.Security.Cryptography;
using Asana.Client;
using Asana.Client.Models;
using Asana.Sync.AspNetCore.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Asana.Sync.AspNetCore;

/// <summary>
/// Keeps a workspace's webhooks true: one on the workspace (<see cref="WebhookFilters.Workspace"/>) and one per project
/// (<see cref="WebhookFilters.Project"/>), each targeting <c>{public base URL}{RoutePrefix}/{registration id}</c>. Call
/// <see cref="EnsureAsync"/> on every sync: it is idempotent. Ours are the webhooks whose target is under our prefix;
/// others (another app's, another deployment's) are never touched. The receiver must be listening at the public URL:
/// Asana's handshake reaches it during each creation.
/// </summary>
public sealed class AsanaWebhookRegistrar
{
    private readonly IAsanaClient _client;
    private readonly IWebhookSecretStore _store;
    private readonly AsanaWebhookOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    /// <summary>Creates a registrar.</summary>
    /// <param name="client">The Asana client (its token's app owns the webhooks).</param>
    /// <param name="store">Where registrations and secrets are kept: the receiver's store.</param>
    /// <param name="options">The route prefix.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="logger">The logger.</param>
    public AsanaWebhookRegistrar(IAsanaClient client, IWebhookSecretStore store, IOptions<AsanaWebhookOptions> options, TimeProvider? clock = null, ILogger<AsanaWebhookRegistrar>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _store = store;
        _options = options.Value;
        _clock = clock ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Reconciles: keeps each verifiable webhook of ours on a wanted resource; deletes ours on resources no longer wanted,
    /// duplicates, and ones we hold no secret for; forgets registrations whose webhook Asana deleted (it does after
    /// 24 hours of failed deliveries); creates what is missing. A failed creation or deletion is reported in
    /// <see cref="WebhookReconciliation.Failures"/> and retried by the next call. Do not run two calls for one workspace
    /// at once.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="projectGids">The projects to watch (those that exist now).</param>
    /// <param name="publicBaseUrl">Where Asana reaches this host, e.g. <c>https://hooks.example.com</c>.</param>
    /// <param name="cancellationToken">Cancels the reconciliation (what is done stays done).</param>
    /// <returns>What was done.</returns>
    public async Task<WebhookReconciliation> EnsureAsync(string workspaceGid, IReadOnlyCollection<string> projectGids, Uri publicBaseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        ArgumentNullException.ThrowIfNull(projectGids);
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        if (!publicBaseUrl.IsAbsoluteUri || !string.IsNullOrEmpty(publicBaseUrl.Query))
        {
            throw new ArgumentException("The public base URL must be absolute, without a query.", nameof(publicBaseUrl));
        }

        var prefix = publicBaseUrl.AbsoluteUri.TrimEnd('/') + _options.RoutePrefix.TrimEnd('/') + "/";
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal) { [workspaceGid] = "workspace" };
        foreach (var project in projectGids)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(project, nameof(projectGids));
            wanted.TryAdd(project, "project");
        }

        var remote = new List<AsanaWebhook>();
        await foreach (var hook in _client.GetWebhooksAsync(workspaceGid, cancellationToken: cancellationToken))
        {
            remote.Add(hook);
        }

        var local = (await _store.ListAsync(workspaceGid, cancellationToken)).ToDictionary(r => r.RegistrationId, StringComparer.Ordinal);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var keptRegistrations = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        int kept = 0, created = 0, deleted = 0;

        foreach (var hook in remote.Where(h => h.Target?.StartsWith(prefix, StringComparison.Ordinal) == true))
        {
            var registrationId = hook.Target![prefix.Length..];
            if (local.TryGetValue(registrationId, out var registration)
                && registration is { HasSecret: true }
                && registration.ResourceGid == hook.Resource.Gid
                && wanted.ContainsKey(hook.Resource.Gid)
                && covered.Add(hook.Resource.Gid))
            {
                keptRegistrations.Add(registrationId);
                kept++;
                if (registration.WebhookGid != hook.Gid)
                {
                    await _store.SaveAsync(registration with { WebhookGid = hook.Gid }, cancellationToken);
                }

                continue;
            }

            if (await TryDeleteAsync(hook.Gid, failures, cancellationToken))
            {
                deleted++;
            }
        }

        // Registrations without a live webhook: Asana deleted it, we just did, or its creation never finished.
        foreach (var registration in local.Values.Where(r => !keptRegistrations.Contains(r.RegistrationId)))
        {
            await _store.DeleteAsync(registration.RegistrationId, cancellationToken);
        }

        foreach (var (resourceGid, resourceType) in wanted.Where(w => !covered.Contains(w.Key)))
        {
            if (await TryCreateAsync(workspaceGid, resourceGid, resourceType, prefix, failures, cancellationToken))
            {
                created++;
            }
        }

        Log.Reconciled(_logger, workspaceGid, kept, created, deleted, failures.Count);
        return new WebhookReconciliation(kept, created, deleted, failures);
    }

    private async Task<bool> TryCreateAsync(string workspaceGid, string resourceGid, string resourceType, string prefix, List<string> failures, CancellationToken cancellationToken)
    {
        // The id is the only thing in the target that names the webhook: random, so nobody can guess one to handshake for.
        var registrationId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await _store.SaveAsync(new WebhookRegistration(registrationId, workspaceGid, resourceGid, resourceType, _clock.GetUtcNow()), cancellationToken);
        var filters = resourceType == "workspace" ? WebhookFilters.Workspace : WebhookFilters.Project;
        AsanaWebhook hook;
        try
        {
            hook = await _client.CreateWebhookAsync(resourceGid, new Uri(prefix + registrationId), filters, cancellationToken);
        }
        catch (Exception ex) when (ex is AsanaApiException or HttpRequestException)
        {
            await _store.DeleteAsync(registrationId, CancellationToken.None);
            var reason = Reason(ex);
            Log.CreateFailed(_logger, ex, resourceGid, reason);
            failures.Add($"create {resourceType} {resourceGid}: {reason}");
            return false;
        }
        catch
        {
            await _store.DeleteAsync(registrationId, CancellationToken.None);
            throw;
        }

        var registration = await _store.GetAsync(registrationId, cancellationToken);
        if (registration is not { HasSecret: true })
        {
            // Created without our handshake (another receiver answered it): we could never verify it.
            await _store.DeleteAsync(registrationId, CancellationToken.None);
            await TryDeleteAsync(hook.Gid, failures, cancellationToken);
            failures.Add($"create {resourceType} {resourceGid}: the handshake did not reach this receiver");
            return false;
        }

        await _store.SaveAsync(registration with { WebhookGid = hook.Gid }, cancellationToken);
        return true;
    }

    private async Task<bool> TryDeleteAsync(string webhookGid, List<string> failures, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteWebhookAsync(webhookGid, cancellationToken);
            return true;
        }
        catch (AsanaApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
        catch (Exception ex) when (ex is AsanaApiException or HttpRequestException)
        {
            var reason = Reason(ex);
            Log.DeleteFailed(_logger, ex, webhookGid, reason);
            failures.Add($"delete webhook {webhookGid}: {reason}");
            return false;
        }
    }

    private static string Reason(Exception ex) =>
        ex is AsanaApiException api
            ? $"{(int)api.StatusCode} {(api.Errors.Count > 0 ? api.Errors[0].Message : string.Empty)}".TrimEnd()
            : "Asana could not be reached";
}
