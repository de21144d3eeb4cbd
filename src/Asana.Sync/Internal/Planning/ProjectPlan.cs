namespace Asana.Sync.Internal.Planning;

/// <summary>How an incremental sync follows each project.</summary>
/// <param name="EventReads">Projects read through their event stream: project gid → stored sync token.</param>
/// <param name="Recrawls">Projects crawled in full: project gid → why.</param>
/// <param name="Gone">Stored projects that are no longer listed: their tasks lose that placement.</param>
internal sealed record ProjectPlan(
    IReadOnlyDictionary<string, string> EventReads,
    IReadOnlyDictionary<string, string> Recrawls,
    IReadOnlyList<string> Gone);
