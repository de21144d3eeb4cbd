using Asana.Sync;
using Asana.Sync.AspNetCore;

namespace Asana.Permissions.Console.Serve;

/// <summary>What <c>/healthz</c> reports: the last backstop sync and webhook reconciliation.</summary>
internal sealed class ServeStatus
{
    private readonly Lock _gate = new();

    public SyncResult? LastSync { get; private set; }

    public DateTimeOffset? LastSyncAt { get; private set; }

    public string? LastError { get; private set; }

    public WebhookReconciliation? Webhooks { get; private set; }

    public void Synced(SyncResult result, DateTimeOffset at)
    {
        lock (_gate)
        {
            LastSync = result;
            LastSyncAt = at;
            LastError = null;
        }
    }

    public void Reconciled(WebhookReconciliation reconciliation)
    {
        lock (_gate)
        {
            Webhooks = reconciliation;
        }
    }

    public void Failed(string error)
    {
        lock (_gate)
        {
            LastError = error;
        }
    }
}
