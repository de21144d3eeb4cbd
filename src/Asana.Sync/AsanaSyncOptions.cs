namespace Asana.Sync;

/// <summary>Options of <see cref="AsanaSyncEngine"/>.</summary>
public sealed class AsanaSyncOptions
{
    /// <summary>How many Asana requests may be in flight at once (Asana allows 50 concurrent GETs per token). Default 16.</summary>
    public int MaxParallelism { get; set; } = 16;

    /// <summary>
    /// Only tasks modified in the last this many days are read (<c>modified_since</c>); null (default) reads everything.
    /// Permission-bearing data (users, teams, projects, memberships) is always read in full.
    /// </summary>
    public int? LookbackDays { get; set; }

    /// <summary>Read each active user's assigned tasks to find project-less tasks (one request per active user). Default true.</summary>
    public bool IncludeProjectlessTasks { get; set; } = true;

    /// <summary>
    /// How often an incremental sync looks for project-less tasks again (one request per active user; the Events API has
    /// no stream for them). Default <see cref="TimeSpan.Zero"/>: every sync looks, so a follower removed from a
    /// project-less task loses access at the next sync. A longer interval (say one hour, like the hourly permission
    /// refresh of comparable connectors) saves calls but leaves such changes, revocations included, stale until the
    /// interval has passed. A full sync always looks.
    /// </summary>
    public TimeSpan ProjectlessRescanInterval { get; set; } = TimeSpan.Zero;

    /// <summary>How many objects go to the store per write call. Default 500.</summary>
    public int StoreBatchSize { get; set; } = 500;
}
