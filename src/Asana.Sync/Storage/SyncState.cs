using System.Text;
using Asana.Shared;
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

    /// <summary>
    /// Whether Asana's workspace task search answered for this token: true, false (402 Payment Required: incremental
    /// syncs do not ask again; the next full sync does), or null when it was never asked.
    /// </summary>
    public bool? TaskSearchAvailable { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("LastSyncAt = ").Append(LastSyncAt)
            .Append(", LastFullSyncAt = ").Append(LastFullSyncAt)
            .Append(", ProjectSyncTokens = ").AppendMap(ProjectSyncTokens)
            .Append(", LookbackDays = ").Append(LookbackDays)
            .Append(", LastProjectlessScanAt = ").Append(LastProjectlessScanAt)
            .Append(", TaskSearchAvailable = ").Append(TaskSearchAvailable);
        return true;
    }
}
