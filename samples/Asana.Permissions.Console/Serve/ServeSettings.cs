using Asana.Permissions.Console.Cli;

namespace Asana.Permissions.Console.Serve;

/// <summary>What <c>serve</c> was started with.</summary>
/// <param name="WorkspaceGid">The workspace kept in sync.</param>
/// <param name="BaseAddress">Asana's API root.</param>
/// <param name="Token">The access token (never printed).</param>
/// <param name="Store">Where the permissions live.</param>
/// <param name="Listen">Where this host listens (http://127.0.0.1:PORT).</param>
/// <param name="PublicUrl">Where Asana reaches this host; webhooks are registered against it.</param>
/// <param name="SyncInterval">How often the backstop sync runs.</param>
/// <param name="WebhookSecretsPath">The SQLite file that keeps each webhook's secret across restarts.</param>
/// <param name="RequestsPerMinute">The plan's request quota, paced client-side.</param>
/// <param name="Verbose">Library logs on stderr.</param>
internal sealed record ServeSettings(
    string WorkspaceGid,
    Uri BaseAddress,
    string Token,
    StoreLocation Store,
    Uri Listen,
    Uri PublicUrl,
    TimeSpan SyncInterval,
    string WebhookSecretsPath,
    int RequestsPerMinute,
    bool Verbose)
{
    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"serve {{ Workspace = {WorkspaceGid}, Store = {Store.Description}, Listen = {Listen}, PublicUrl = {PublicUrl} }}";
}
