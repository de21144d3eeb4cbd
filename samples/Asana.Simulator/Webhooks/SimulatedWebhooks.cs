using System.Buffers;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Asana.Simulator.Http;
using Asana.Simulator.Model;
using Asana.Simulator.Webhooks;

namespace Asana.Simulator;

/// <summary>
/// The simulator's webhooks, delivered over real HTTP as Asana does. <c>POST /webhooks</c> sends the handshake (an
/// empty POST with <c>X-Hook-Secret</c>) to the target while the request is in flight and creates the webhook only when
/// the target echoes the header with a 200 or 204. From then on every event of the resource's stream (the same
/// streams <c>GET /events</c> reads) that passes the filters is queued and delivered in batches, <c>{"events":[...]}</c>
/// signed with <c>X-Hook-Signature</c> (the lowercase hex HMAC-SHA256 of the body, keyed by the secret); a webhook with
/// nothing to say gets a heartbeat, <c>{"events":[]}</c>. A failed delivery is retried with exponential backoff; a
/// webhook that keeps failing is deleted. See <see cref="WebhookDeliveryOptions"/>. Unlike Asana, loopback targets are
/// allowed (Asana answers 403 for them).
/// </summary>
public sealed class SimulatedWebhooks : IDisposable
{
    /// <summary>
    /// The filters Asana accepts on a workspace webhook (it requires at least one, all from its list, none with
    /// <c>fields</c>): projects and memberships, the changes that move access.
    /// </summary>
    internal static readonly IReadOnlyList<(string ResourceType, string Action)> WorkspaceFilterAllowList =
    [
        ("project", "added"), ("project", "removed"), ("project", "deleted"), ("project", "undeleted"), ("project", "changed"),
        ("team_membership", "added"), ("team_membership", "removed"),
        ("workspace_membership", "added"), ("workspace_membership", "removed"),
    ];

    private readonly SimulatedOrganization _org;
    private readonly WebhookDeliveryOptions _options;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;
    private readonly Random _random;
    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly List<SimWebhook> _webhooks = [];
    private int _handshakes;
    private int _failedHandshakes;
    private int _deliveries;
    private int _failedDeliveries;
    private int _heartbeats;
    private int _eventsDelivered;
    private int _eventsLost;
    private int _eventsDuplicated;
    private int _deletedForFailures;

    internal SimulatedWebhooks(SimulatedOrganization org, WebhookDeliveryOptions options, TimeProvider clock)
    {
        _org = org;
        _options = options;
        _clock = clock;
        _random = new Random(options.Seed);
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = options.TargetTimeout };
    }

    /// <summary>What has been done so far.</summary>
    public WebhookStatistics Statistics
    {
        get
        {
            lock (_org.Gate)
            {
                return new(_handshakes, _failedHandshakes, _deliveries, _failedDeliveries, _heartbeats, _eventsDelivered, _eventsLost, _eventsDuplicated, _deletedForFailures);
            }
        }
    }

    /// <summary>The webhooks that exist now, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<SimulatedWebhook> GetWebhooks()
    {
        lock (_org.Gate)
        {
            return _webhooks.Select(h => new SimulatedWebhook(
                h.Gid, h.Resource.Gid, h.Resource.ResourceType, h.Target, h.ConsecutiveFailures == 0, h.ConsecutiveFailures, h.Pending.Count, h.NextAttemptAt)).ToList();
        }
    }

    /// <summary>Deletes a webhook on Asana's side (as a user or Asana itself may), without telling its target.</summary>
    /// <param name="webhookGid">The webhook.</param>
    /// <returns>Whether it existed.</returns>
    public bool Delete(string webhookGid)
    {
        lock (_org.Gate)
        {
            return _webhooks.RemoveAll(h => h.Gid == webhookGid) > 0;
        }
    }

    /// <summary>
    /// One delivery round: queues each webhook's new events, then sends what is due (a batch, or a heartbeat after
    /// <see cref="WebhookDeliveryOptions.HeartbeatInterval"/> of silence) to webhooks not waiting out a retry delay.
    /// Rounds never overlap.
    /// </summary>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>How many deliveries were attempted.</returns>
    public async Task<int> DeliverAsync(CancellationToken cancellationToken = default)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            var due = new List<(SimWebhook Hook, List<SimEvent> Batch, byte[] Body)>();
            lock (_org.Gate)
            {
                var now = _clock.GetUtcNow();
                foreach (var hook in _webhooks)
                {
                    Queue(hook);
                    if (now < hook.NextAttemptAt)
                    {
                        continue;
                    }

                    if (hook.Pending.Count > 0)
                    {
                        var batch = hook.Pending.Take(_options.MaxEventsPerDelivery).ToList();
                        hook.Pending.RemoveRange(0, batch.Count);
                        due.Add((hook, batch, Body(batch)));
                    }
                    else if (now - hook.LastAttemptAt >= _options.HeartbeatInterval)
                    {
                        due.Add((hook, [], Body([])));
                    }
                }
            }

            foreach (var (hook, batch, body) in due)
            {
                var (ok, failure) = await PostAsync(hook.Target, body, "X-Hook-Signature", Sign(hook.Secret, body), cancellationToken);
                lock (_org.Gate)
                {
                    Record(hook, batch, ok, failure);
                }
            }

            return due.Count;
        }
        finally
        {
            _round.Release();
        }
    }

    /// <summary>Stops delivering (in-flight requests are cancelled).</summary>
    public void Dispose()
    {
        _http.Dispose();
        _round.Dispose();
    }

    /// <summary>The hex HMAC-SHA256 Asana signs a delivery with.</summary>
    internal static string Sign(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>
    /// <c>POST /webhooks</c>: checks the request, runs the handshake against the target (outside the lock: the target
    /// may call back), and creates the webhook only if the target confirmed it.
    /// </summary>
    internal async Task<SimWebhook> CreateAsync(string resourceGid, string target, IReadOnlyList<SimWebhookFilter> filters, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var targetUri) || (targetUri.Scheme != Uri.UriSchemeHttp && targetUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ApiException(400, "target: Not a valid URL.");
        }

        SimRef resource;
        lock (_org.Gate)
        {
            resource = Resource(resourceGid);
            CheckFilters(resource, filters);
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        lock (_org.Gate)
        {
            _handshakes++;
        }

        var confirmed = await HandshakeAsync(targetUri, secret, cancellationToken);
        lock (_org.Gate)
        {
            if (!confirmed)
            {
                _failedHandshakes++;
                throw new ApiException(400, "Could not complete activation handshake with target URL. Please ensure that the receiving server is accepting connections and echoes the X-Hook-Secret header.");
            }

            var now = _clock.GetUtcNow();
            var hook = new SimWebhook
            {
                Gid = _org.NewGid(),
                Resource = resource,
                Target = targetUri,
                Secret = secret,
                Filters = filters,
                CreatedAt = now,
                StreamPosition = _org.Streams.TryGetValue(resource.Gid, out var stream) ? stream.Count : 0,
                LastAttemptAt = now,
                NextAttemptAt = now,
            };
            _webhooks.Add(hook);
            return hook;
        }
    }

    /// <summary>Caller holds the organization's lock.</summary>
    internal IReadOnlyList<SimWebhook> Snapshot() => [.. _webhooks];

    /// <summary>Caller holds the organization's lock.</summary>
    internal bool Remove(string webhookGid) => _webhooks.RemoveAll(h => h.Gid == webhookGid) > 0;

    private SimRef Resource(string gid)
    {
        if (gid == _org.WorkspaceGid)
        {
            return _org.WorkspaceRef();
        }

        if (_org.ProjectsByGid.TryGetValue(gid, out var project))
        {
            return SimulatedOrganization.ProjectRef(project);
        }

        if (_org.TasksByGid.TryGetValue(gid, out var task))
        {
            return SimulatedOrganization.TaskRef(task);
        }

        if (_org.TeamsByGid.TryGetValue(gid, out var team))
        {
            return SimulatedOrganization.TeamRef(team);
        }

        if (_org.PortfoliosByGid.TryGetValue(gid, out var portfolio))
        {
            return new SimRef(portfolio.Gid, "portfolio", portfolio.Name);
        }

        throw new ApiException(404, $"resource: Unknown object: {gid}");
    }

    private static void CheckFilters(SimRef resource, IReadOnlyList<SimWebhookFilter> filters)
    {
        if (filters.Any(f => string.IsNullOrEmpty(f.ResourceType)))
        {
            throw new ApiException(400, "filters: Every filter needs a resource_type.");
        }

        if (resource.ResourceType is not ("workspace" or "team" or "portfolio"))
        {
            return;
        }

        // Larger-scoped resources: at least one filter, all on the allow-list, none with fields.
        var allowed = filters.Count > 0 && filters.All(f =>
            f.Fields is null && f.Action is not null
            && WorkspaceFilterAllowList.Contains((f.ResourceType, f.Action)));
        if (!allowed)
        {
            throw new ApiException(400, "Webhooks for larger scoped resources must have at least one filter and all filters must be in our whitelist.");
        }
    }

    /// <summary>Moves the resource's new events that pass the filters into the queue, losing, duplicating and reordering some.</summary>
    private void Queue(SimWebhook hook)
    {
        if (!_org.Streams.TryGetValue(hook.Resource.Gid, out var stream))
        {
            return;
        }

        for (; hook.StreamPosition < stream.Count; hook.StreamPosition++)
        {
            var e = stream[hook.StreamPosition];
            if (!hook.Passes(e))
            {
                continue;
            }

            if (_options.LossRate > 0 && _random.NextDouble() < _options.LossRate)
            {
                _eventsLost++;
                continue;
            }

            hook.Pending.Add(e);
            if (_options.DuplicateRate > 0 && _random.NextDouble() < _options.DuplicateRate)
            {
                _eventsDuplicated++;
                hook.Pending.Add(e);
            }

            if (_options.ReorderRate > 0 && hook.Pending.Count >= 2 && _random.NextDouble() < _options.ReorderRate)
            {
                (hook.Pending[^1], hook.Pending[^2]) = (hook.Pending[^2], hook.Pending[^1]);
            }
        }
    }

    private void Record(SimWebhook hook, List<SimEvent> batch, bool ok, string? failure)
    {
        var now = _clock.GetUtcNow();
        _deliveries++;
        hook.LastAttemptAt = now;
        if (batch.Count == 0)
        {
            _heartbeats++;
        }

        if (ok)
        {
            _eventsDelivered += batch.Count;
            hook.ConsecutiveFailures = 0;
            hook.FirstFailureAt = null;
            hook.LastSuccessAt = now;
            hook.NextAttemptAt = now;
            return;
        }

        _failedDeliveries++;
        hook.Pending.InsertRange(0, batch);
        hook.ConsecutiveFailures++;
        hook.FirstFailureAt ??= now;
        hook.LastFailureAt = now;
        hook.LastFailureContent = failure;
        var delay = TimeSpan.FromTicks(Math.Min(
            _options.MaxRetryDelay.Ticks,
            _options.RetryBaseDelay.Ticks * (1L << Math.Min(hook.ConsecutiveFailures - 1, 30))));
        hook.NextAttemptAt = now + delay;
        if ((_options.FailuresBeforeDeletion is { } limit && hook.ConsecutiveFailures >= limit)
            || now - hook.FirstFailureAt >= _options.DeleteAfterFailingFor)
        {
            _webhooks.Remove(hook);
            _deletedForFailures++;
        }
    }

    private async Task<bool> HandshakeAsync(Uri target, string secret, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent([]) };
        request.Headers.Add("X-Hook-Secret", secret);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            return response.StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.NoContent
                && response.Headers.TryGetValues("X-Hook-Secret", out var echoed)
                && echoed.SingleOrDefault() == secret;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<(bool Ok, string? Failure)> PostAsync(Uri target, byte[] body, string header, string value, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(header, value);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? (true, null) : (false, $"{(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, ex is TaskCanceledException ? "timed out" : "could not connect");
        }
    }

    /// <summary>A delivery's body: webhook events carry compact objects, <c>{gid, resource_type}</c> (and the resource's subtype).</summary>
    private static byte[] Body(List<SimEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("events");
            foreach (var e in events)
            {
                w.WriteStartObject();
                w.WritePropertyName("user");
                Compact(w, e.User);
                w.WriteString("created_at", SimulatedOrganization.Timestamp(e.CreatedAt));
                w.WriteString("action", e.Action);
                w.WritePropertyName("resource");
                Compact(w, e.Resource, subtype: true);
                w.WritePropertyName("parent");
                Compact(w, e.Parent, subtype: true);
                if (e.Change is { } c)
                {
                    w.WriteStartObject("change");
                    w.WriteString("field", c.Field);
                    w.WriteString("action", c.Action);
                    switch (c.Action)
                    {
                        case "added":
                            w.WritePropertyName("added_value");
                            Compact(w, c.AddedValue);
                            break;
                        case "removed":
                            w.WritePropertyName("removed_value");
                            Compact(w, c.RemovedValue);
                            break;
                        default:
                            w.WritePropertyName("new_value");
                            if (c.NewValue is SimRef r)
                            {
                                Compact(w, r);
                            }
                            else
                            {
                                w.WriteNullValue();
                            }

                            break;
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Compact(Utf8JsonWriter w, SimRef? r, bool subtype = false)
    {
        if (r is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("gid", r.Gid);
        w.WriteString("resource_type", r.ResourceType);
        if (subtype && r.ResourceSubtype is not null)
        {
            w.WriteString("resource_subtype", r.ResourceSubtype);
        }

        w.WriteEndObject();
    }
}
