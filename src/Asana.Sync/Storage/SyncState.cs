namespace Asana.Sync.Storage;

/// <summary>What a sync needs to resume: when it last ran and the event sync token of each project.</summary>
/// <param name="LastSyncAt">When the last committed sync started.</param>
/// <param name="LastFullSyncAt">When the last committed full sync started.</param>
/// <param name="ProjectSyncTokens">Project gid → Events API sync token.</param>
public sealed record SyncState(DateTimeOffset? LastSyncAt, DateTimeOffset? LastFullSyncAt, IReadOnlyDictionary<string, string> ProjectSyncTokens)
{
    /// <summary>Lookback (days) the stored data was crawled with, null for everything.</summary>
    public int? LookbackDays { get; init; }

    /// <summary>When project-less tasks were last looked for (every active user's assigned tasks).</summary>
    public DateTimeOffset? LastProjectlessScanAt { get; init; }
}
