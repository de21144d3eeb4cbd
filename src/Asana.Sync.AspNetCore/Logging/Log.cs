using Microsoft.Extensions.Logging;

namespace Asana.Sync.AspNetCore.Logging;

/// <summary>Source-generated log messages. Never a secret, a signature or a body.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Webhook handshake for registration {RegistrationId} completed")]
    public static partial void HandshakeCompleted(ILogger logger, string registrationId);

    [LoggerMessage(2, LogLevel.Warning, "Webhook handshake for registration {RegistrationId} refused: no registration awaits one")]
    public static partial void HandshakeRefused(ILogger logger, string registrationId);

    [LoggerMessage(3, LogLevel.Warning, "Webhook delivery for registration {RegistrationId} refused ({Status}): {Reason}")]
    public static partial void DeliveryRefused(ILogger logger, string registrationId, int status, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Webhook heartbeat for registration {RegistrationId}")]
    public static partial void Heartbeat(ILogger logger, string registrationId);

    [LoggerMessage(5, LogLevel.Information, "Webhook delivery for registration {RegistrationId} ignored: {Reason}")]
    public static partial void DeliveryIgnored(ILogger logger, string registrationId, string reason);

    [LoggerMessage(6, LogLevel.Debug, "Webhook delivery for registration {RegistrationId}: {Count} events accepted")]
    public static partial void DeliveryAccepted(ILogger logger, string registrationId, int count);

    [LoggerMessage(7, LogLevel.Error, "Webhook delivery for registration {RegistrationId}: the sink failed; Asana will retry it")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string registrationId);

    [LoggerMessage(8, LogLevel.Information, "Webhooks of workspace {WorkspaceGid}: {Kept} kept, {Created} created, {Deleted} deleted, {Failed} failed")]
    public static partial void Reconciled(ILogger logger, string workspaceGid, int kept, int created, int deleted, int failed);

    [LoggerMessage(9, LogLevel.Warning, "Webhook for {ResourceGid} could not be created: {Reason}")]
    public static partial void CreateFailed(ILogger logger, Exception exception, string resourceGid, string reason);

    [LoggerMessage(10, LogLevel.Warning, "Webhook {WebhookGid} could not be deleted: {Reason}")]
    public static partial void DeleteFailed(ILogger logger, Exception exception, string webhookGid, string reason);
}
