namespace Asana.Sync;

/// <summary>
/// Options of <see cref="AsanaSyncEngine"/>. The engine's constructor and <c>AddAsanaSync</c> validate them: an option out
/// of its range fails with an <c>OptionsValidationException</c> naming it.
/// </summary>
public sealed class AsanaSyncOptions
{
    /// <summary>How many Asana requests may be in flight at once (Asana allows 50 concurrent GETs per token). Default 16; 1 to 1,000.</summary>
    public int MaxParallelism { get; set; } = 16;

    /// <summary>
    /// Only tasks modified in the last this many days are read (<c>modified_since</c>); null (default) reads everything.
    /// Permission-bearing data (users, teams, projects, memberships) is always read in full. 1 to 36,500 when set.
    /// </summary>
    public int? LookbackDays { get; set; }

    /// <summary>
    /// In <see cref="SyncMode.Auto"/>, run a full sync when the last one is older than this. Asana delivers events at most
    /// once ("a small number of events may be missing") and keeps them only 24 hours, so a periodic full sync repairs
    /// whatever a lost event left stale. Default 24 hours; null never forces one; positive when set.
    /// </summary>
    public TimeSpan? FullSyncInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Read each active user's assigned tasks to find project-less tasks (one request per active user). Default true.</summary>
    public bool IncludeProjectlessTasks { get; set; } = true;

    /// <summary>
    /// How often an incremental sync looks for project-less tasks again (one request per active user; the Events API has
    /// no stream for them). Default <see cref="TimeSpan.Zero"/>: every sync looks, so a follower removed from a
    /// project-less task loses access at the next sync. A longer interval (say one hour, like the hourly permission
    /// refresh of comparable connectors) saves calls but leaves such changes, revocations included, stale until the
    /// interval has passed. A full sync always looks. Not negative.
    /// </summary>
    public TimeSpan ProjectlessRescanInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Use Asana's workspace task search (premium plans; others answer 402) to find project-less tasks that no assignee
    /// listing returns, such as tasks that are only followed or assigned to a deactivated user. A full sync pages through
    /// every top-level task by creation time (one request per 100 tasks, paced at Asana's 60 searches per minute); an
    /// incremental sync asks only for tasks modified since the last sync (minus <see cref="SearchIndexLagMargin"/>). When
    /// search answers 402, the sync state remembers it and incremental syncs stop asking until the next full sync.
    /// Search never deletes anything: a task it does not return is handled like any other (events, re-reads).
    /// Requires <see cref="IncludeProjectlessTasks"/>. Default true.
    /// </summary>
    public bool UseWorkspaceSearch { get; set; } = true;

    /// <summary>
    /// How far before the last sync's start an incremental sync's search looks (<c>modified_at.after</c>): Asana's search
    /// index lags writes by 10 to 60 seconds, and the clocks may differ a little. Default 2 minutes; zero to one day.
    /// </summary>
    public TimeSpan SearchIndexLagMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many objects go to the store per write call. Default 500; 1 to 1,000,000.</summary>
    public int StoreBatchSize { get; set; } = 500;

    /// <summary>
    /// How long a sync's lease on its workspace lasts; the sync renews it every third of this while it runs, so only a
    /// crashed or stalled process lets it lapse. Default 2 minutes; 1 second to one day.
    /// </summary>
    public TimeSpan SyncLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a sync waits for the lease when another sync of the same workspace holds it. Default zero: it fails at
    /// once with <see cref="AsanaSyncException"/>, naming the holder. Zero to one day.
    /// </summary>
    public TimeSpan SyncLeaseWait { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How many times a sync whose commit lost to another sync's starts again from the newly stored state. Default 1. A
    /// purge is never retried past: a purged workspace stays purged. 0 to 100.
    /// </summary>
    public int CommitConflictRetries { get; set; } = 1;
}
