using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Asana.Client.Models;
using Asana.Sync.AspNetCore.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Asana.Sync.AspNetCore.Receiving;

/// <summary>
/// Handles <c>POST {prefix}/{registrationId}</c>. A request with <c>X-Hook-Secret</c> is a handshake: accepted only for a
/// registration that awaits one (started by the registrar within <see cref="AsanaWebhookOptions.HandshakeWindow"/>, no
/// secret yet), which stores the secret and echoes it. Anything else is a delivery: body size capped (413), signature
/// checked in constant time over the raw bytes (401 when missing or wrong: nothing else happens), then heartbeats answer
/// 200; stale or already accepted bodies answer 200 without reaching the sink (a non-2xx would make Asana retry the same
/// body for a day and then delete the webhook); the rest goes to the <see cref="IAsanaWebhookEventSink"/>.
/// </summary>
internal sealed class AsanaWebhookReceiver(
    IWebhookSecretStore store,
    IAsanaWebhookEventSink sink,
    IOptions<AsanaWebhookOptions> options,
    TimeProvider clock,
    ILogger<AsanaWebhookReceiver> logger)
{
    public const string SecretHeader = "X-Hook-Secret";
    public const string SignatureHeader = "X-Hook-Signature";
    private const int MaxSecretLength = 512;

    private readonly AsanaWebhookOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        var registrationId = context.Request.RouteValues["registrationId"] as string ?? string.Empty;
        var ct = context.RequestAborted;
        if (context.Request.Headers.TryGetValue(SecretHeader, out var secretValues))
        {
            await HandshakeAsync(context, registrationId, secretValues.ToString(), ct);
            return;
        }

        var registration = registrationId.Length == 0 ? null : await store.GetAsync(registrationId, ct);
        if (registration is not { HasSecret: true })
        {
            Refuse(context, registrationId, StatusCodes.Status401Unauthorized, "no webhook with a secret has this registration id");
            return;
        }

        var body = await ReadBodyAsync(context.Request, _options.MaxBodyBytes, ct);
        if (body is null)
        {
            Refuse(context, registrationId, StatusCodes.Status413PayloadTooLarge, $"body larger than {_options.MaxBodyBytes} bytes");
            return;
        }

        if (!WebhookSignature.IsValid(registration.Secret!, body, context.Request.Headers[SignatureHeader].ToString()))
        {
            Refuse(context, registrationId, StatusCodes.Status401Unauthorized, "missing or wrong signature");
            return;
        }

        WebhookDeliveryDto? delivery;
        try
        {
            delivery = JsonSerializer.Deserialize(body, WebhookJsonContext.Default.WebhookDeliveryDto);
        }
        catch (JsonException)
        {
            delivery = null;
        }

        var events = delivery?.Events is { } wire ? Map(wire) : null;
        if (events is null)
        {
            Refuse(context, registrationId, StatusCodes.Status400BadRequest, "signed body is not a delivery");
            return;
        }

        if (events.Count == 0)
        {
            Log.Heartbeat(logger, registrationId);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var now = clock.GetUtcNow();
        if (events.All(e => e.CreatedAt is { } at && at < now - _options.ReplayWindow))
        {
            Log.DeliveryIgnored(logger, registrationId, "every event is older than the replay window");
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var hash = SHA256.HashData(body);
        if (!await store.TryRememberDeliveryAsync(registrationId, hash, now, now + _options.ReplayWindow, ct))
        {
            Log.DeliveryIgnored(logger, registrationId, "the same body was accepted before");
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        try
        {
            await sink.OnEventsAsync(new AsanaWebhookDelivery(registrationId, registration.WorkspaceGid, registration.ResourceGid, registration.WebhookGid, events), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Not accepted after all: Asana's retry of this body must get through.
            await store.ForgetDeliveryAsync(registrationId, hash, CancellationToken.None);
            Log.SinkFailed(logger, ex, registrationId);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        Log.DeliveryAccepted(logger, registrationId, events.Count);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task HandshakeAsync(HttpContext context, string registrationId, string secret, CancellationToken ct)
    {
        var startedAfter = clock.GetUtcNow() - _options.HandshakeWindow;
        if (registrationId.Length == 0 || secret.Length == 0 || secret.Length > MaxSecretLength
            || !await store.TryCompleteHandshakeAsync(registrationId, secret, startedAfter, ct))
        {
            Log.HandshakeRefused(logger, registrationId);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        Log.HandshakeCompleted(logger, registrationId);
        context.Response.Headers[SecretHeader] = secret;
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private void Refuse(HttpContext context, string registrationId, int status, string reason)
    {
        Log.DeliveryRefused(logger, registrationId, status, reason);
        context.Response.StatusCode = status;
    }

    /// <summary>The raw body, or null when it is larger than <paramref name="max"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long max, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(max + 1, request.ContentLength ?? 4096) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, ct);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > max)
            {
                return null;
            }
        }
    }

    /// <summary>The events, or null when one lacks its resource (a delivery we cannot act on is not half-accepted).</summary>
    private static List<AsanaEvent>? Map(IReadOnlyList<WebhookEventDto?> wire)
    {
        var events = new List<AsanaEvent>(wire.Count);
        foreach (var e in wire)
        {
            if (e?.Resource is not { Gid: { Length: > 0 } } resource)
            {
                return null;
            }

            events.Add(new AsanaEvent(
                Reference(resource),
                e.Action,
                e.Parent is { Gid.Length: > 0 } parent ? Reference(parent) : null,
                e.User is { Gid.Length: > 0 } user ? Reference(user) : null,
                e.CreatedAt,
                e.Change is { } change ? new AsanaEventChange(change.Field, change.Action) : null));
        }

        return events;
    }

    private static AsanaReference Reference(WebhookReferenceDto dto) => new(dto.Gid!, dto.ResourceType, dto.Name);
}
