namespace Asana.Sync.Internal.Planning;

/// <summary>What an incremental sync's reads covered, for <see cref="IncrementalPlanner.Uncovered"/>.</summary>
/// <param name="Deleted">Tasks found deleted (or gone out of reach) so far.</param>
/// <param name="Refetched">Tasks already re-read one by one.</param>
/// <param name="Fresh">Tasks whose record some listing or re-read returned in this sync.</param>
/// <param name="StreamedProjects">Projects read through events or crawled again.</param>
/// <param name="Relisted">Tasks whose subtasks were listed in this sync.</param>
/// <param name="Current">The tasks as they stand now (stored, updated by this sync).</param>
internal sealed record CoverageInputs(
    IReadOnlySet<string> Deleted,
    IReadOnlySet<string> Refetched,
    IReadOnlySet<string> Fresh,
    IReadOnlySet<string> StreamedProjects,
    IReadOnlySet<string> Relisted,
    IReadOnlyDictionary<string, TaskState> Current);
