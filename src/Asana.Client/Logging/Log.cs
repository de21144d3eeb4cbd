using Microsoft.Extensions.Logging;

namespace Asana.Client.Logging;

/// <summary>
/// Source-generated log messages. Only method, path (never the query or headers), status and timings: the caller
/// cannot see retries and throttling otherwise. The token never reaches a logger.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Retrying {Method} {Path} after {Outcome}: attempt {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string? path, string outcome, int attempt, double delayMs);

    [LoggerMessage(2, LogLevel.Warning, "Asana rate limit on {Path}: all requests paused for {RetryAfterSeconds} s (Retry-After)")]
    public static partial void RateLimited(ILogger logger, string? path, double retryAfterSeconds);

    [LoggerMessage(3, LogLevel.Warning, "Asana answered 429 without a usable Retry-After on {Path}: concurrency lowered to {Limit}")]
    public static partial void ConcurrencyLowered(ILogger logger, string? path, int limit);

    [LoggerMessage(4, LogLevel.Warning, "Asana asked to wait {RetryAfterSeconds} s on {Path}, longer than the {MaxSeconds} s allowed: not retried")]
    public static partial void RetryAfterTooLong(ILogger logger, string? path, double retryAfterSeconds, double maxSeconds);

    [LoggerMessage(5, LogLevel.Debug, "Read a page of {Count} items from {Path} (more: {HasMore})")]
    public static partial void PageRead(ILogger logger, string path, int count, bool hasMore);

    [LoggerMessage(6, LogLevel.Information, "Asana rejected the events sync token for resource {ResourceGid} (412): a fresh token was issued and the resource must be re-read in full")]
    public static partial void SyncTokenReset(ILogger logger, string resourceGid);

    [LoggerMessage(7, LogLevel.Information, "Task search is not available to this token (402 Payment Required) in workspace {WorkspaceGid}")]
    public static partial void SearchNotAvailable(ILogger logger, string workspaceGid);
}
