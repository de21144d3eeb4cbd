using Microsoft.Extensions.Logging;

namespace Asana.Sync.Internal;

/// <summary>Source-generated log messages. No user gids, emails or tokens.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Sync of workspace {WorkspaceGid} started ({Mode})")]
    public static partial void SyncStarted(ILogger logger, string workspaceGid, SyncMode mode);

    [LoggerMessage(2, LogLevel.Information, "Sync of workspace {WorkspaceGid} committed ({Mode}) in {ElapsedMs} ms: {Requests} requests ({Pages} pages, {Retries} retries, {Failed} failed) by kind [{ByKind}]; floor {Floor}; {Tickets} tickets, {Written} written, {Deleted} deleted, {Warnings} warnings")]
    public static partial void SyncCompleted(ILogger logger, string workspaceGid, SyncMode mode, long elapsedMs, int requests, int pages, int retries, int failed, string byKind, string floor, int tickets, int written, int deleted, int warnings);

    [LoggerMessage(3, LogLevel.Warning, "Sync of workspace {WorkspaceGid} failed after {Requests} requests ({ByKind}); the store is unchanged")]
    public static partial void SyncFailed(ILogger logger, Exception exception, string workspaceGid, int requests, string byKind);

    [LoggerMessage(4, LogLevel.Warning, "Sync warning {Code} on {ResourceGid}: {Message}")]
    public static partial void SyncWarning(ILogger logger, string code, string? resourceGid, string message);

    [LoggerMessage(5, LogLevel.Information, "Project {ProjectGid} is crawled in full ({Reason})")]
    public static partial void ProjectRecrawl(ILogger logger, string projectGid, string reason);

    [LoggerMessage(6, LogLevel.Information, "Incremental sync requested for workspace {WorkspaceGid} but no usable previous sync is stored: running a full sync")]
    public static partial void FallbackToFull(ILogger logger, string workspaceGid);

    [LoggerMessage(7, LogLevel.Information, "Sync of workspace {WorkspaceGid} runs in full: the last full sync is older than {IntervalHours} h (events are delivered at most once)")]
    public static partial void PeriodicFullSync(ILogger logger, string workspaceGid, double intervalHours);

    [LoggerMessage(8, LogLevel.Warning, "Sync of workspace {WorkspaceGid} lost its commit to another sync; starting again from the stored state (retry {Attempt})")]
    public static partial void CommitConflictRetry(ILogger logger, string workspaceGid, int attempt);

    [LoggerMessage(9, LogLevel.Warning, "Sync of workspace {WorkspaceGid} lost its lease (it expired and another sync took it); its commit will be refused if that sync commits first")]
    public static partial void LeaseLost(ILogger logger, string workspaceGid);

    [LoggerMessage(10, LogLevel.Warning, "Renewing the sync lease of workspace {WorkspaceGid} failed; trying again at the next interval")]
    public static partial void LeaseRenewalFailed(ILogger logger, Exception exception, string workspaceGid);

    [LoggerMessage(11, LogLevel.Warning, "Releasing the sync lease of workspace {WorkspaceGid} failed; it lapses by itself")]
    public static partial void LeaseReleaseFailed(ILogger logger, Exception exception, string workspaceGid);

    [LoggerMessage(12, LogLevel.Information, "Refresh of workspace {WorkspaceGid} started: users {Users}, project list {ProjectList}, portfolios {Portfolios}, {Teams} teams, {Memberships} projects' members, {Sections} projects' sections, {Tasks} tasks")]
    public static partial void RefreshStarted(ILogger logger, string workspaceGid, bool users, bool projectList, bool portfolios, int teams, int memberships, int sections, int tasks);

    [LoggerMessage(13, LogLevel.Information, "Refresh of workspace {WorkspaceGid} committed in {ElapsedMs} ms: {Requests} requests, {Written} tickets written, {Deleted} deleted")]
    public static partial void RefreshCompleted(ILogger logger, string workspaceGid, long elapsedMs, int requests, int written, int deleted);

    [LoggerMessage(14, LogLevel.Warning, "Refresh of workspace {WorkspaceGid} failed (attempt {Attempt}); its scope stays queued and is tried again in {DelayMs} ms")]
    public static partial void RefreshRetry(ILogger logger, Exception exception, string workspaceGid, int attempt, long delayMs);
}
