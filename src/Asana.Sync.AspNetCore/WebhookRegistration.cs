namespace Asana.Sync.AspNetCore;

/// <summary>
/// One webhook as this side knows it: the id in its target URL, what it watches, Asana's gid once created, and the
/// secret learnt in the handshake. <see cref="ToString"/> never shows the secret.
/// </summary>
/// <param name="RegistrationId">The id in the target URL (random, chosen before the webhook is created).</param>
/// <param name="WorkspaceGid">The workspace.</param>
/// <param name="ResourceGid">The watched resource.</param>
/// <param name="ResourceType"><c>workspace</c> or <c>project</c>.</param>
/// <param name="CreatedAt">When the registration was started (the handshake must come soon after).</param>
/// <param name="WebhookGid">Asana's gid, once <c>POST /webhooks</c> returned.</param>
/// <param name="Secret">The handshake's <c>X-Hook-Secret</c>; null until the handshake.</param>
public sealed record WebhookRegistration(
    string RegistrationId,
    string WorkspaceGid,
    string ResourceGid,
    string ResourceType,
    DateTimeOffset CreatedAt,
    string? WebhookGid = null,
    string? Secret = null)
{
    /// <summary>Whether the handshake has happened.</summary>
    public bool HasSecret => !string.IsNullOrEmpty(Secret);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("RegistrationId = ").Append(RegistrationId)
            .Append(", WorkspaceGid = ").Append(WorkspaceGid)
            .Append(", ResourceGid = ").Append(ResourceGid)
            .Append(", ResourceType = ").Append(ResourceType)
            .Append(", CreatedAt = ").Append(CreatedAt)
            .Append(", WebhookGid = ").Append(WebhookGid)
            .Append(", Secret = ").Append(HasSecret ? "(set)" : "(none)");
        return true;
    }
}
