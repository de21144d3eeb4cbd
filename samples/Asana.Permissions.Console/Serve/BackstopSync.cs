using Asana.Client;
using Asana.Sync;
using Asana.Sync.AspNetCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Asana.Permissions.Console.Serve;

/// <summary>
/// The periodic sync behind the webhooks (Asana delivers at most once): a sync, then the webhooks made true again (one for
/// the workspace, one per project, re-created where Asana deleted them), then a wait of the interval. Stopping cancels
/// a running sync, which then commits nothing.
/// </summary>
internal sealed partial class BackstopSync(
    AsanaSyncEngine engine,
    IAsanaClient client,
    AsanaWebhookRegistrar registrar,
    ServeSettings settings,
    ServeStatus status,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<BackstopSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Registering a webhook makes Asana call us back at once (the handshake): the receiver must be listening first.
        await WhenStartedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await engine.SyncAsync(settings.WorkspaceGid, SyncMode.Auto, null, stoppingToken);
                status.Synced(result, timeProvider.GetUtcNow());
                SyncCommitted(logger, settings.WorkspaceGid, result.Mode, result.Tickets);
                var projects = new List<string>();
                await foreach (var project in client.GetProjectsAsync(settings.WorkspaceGid, stoppingToken))
                {
                    projects.Add(project.Gid);
                }

                var reconciliation = await registrar.EnsureAsync(settings.WorkspaceGid, projects, settings.PublicUrl, stoppingToken);
                status.Reconciled(reconciliation);
                if (!reconciliation.Succeeded)
                {
                    WebhooksIncomplete(logger, reconciliation.Failures.Count, string.Join("; ", reconciliation.Failures));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                status.Failed(ex.Message);
                BackstopFailed(logger, ex, settings.WorkspaceGid);
            }

            try
            {
                await Task.Delay(settings.SyncInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(1, LogLevel.Information, "Backstop sync of workspace {WorkspaceGid} committed ({Mode}): {Tickets} tickets")]
    private static partial void SyncCommitted(ILogger logger, string workspaceGid, SyncMode mode, int tickets);

    [LoggerMessage(2, LogLevel.Warning, "Webhook registration incomplete ({Count} failures): {Failures}; the next backstop sync tries again")]
    private static partial void WebhooksIncomplete(ILogger logger, int count, string failures);

    [LoggerMessage(3, LogLevel.Warning, "Backstop sync of workspace {WorkspaceGid} failed; the store keeps its last committed state and the next interval tries again")]
    private static partial void BackstopFailed(ILogger logger, Exception exception, string workspaceGid);
}
