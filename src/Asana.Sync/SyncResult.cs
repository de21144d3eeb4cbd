using System.Text;
using Asana.Shared;

namespace Asana.Sync;

/// <summary>The outcome of one committed sync.</summary>
/// <param name="WorkspaceGid">The workspace.</param>
/// <param name="Mode">What actually ran: <see cref="SyncMode.Full"/> or <see cref="SyncMode.Incremental"/>.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Duration">Wall time.</param>
/// <param name="Calls">Requests made.</param>
/// <param name="Floor">The lower bound for a full sync of the data read (full syncs only).</param>
/// <param name="Tickets">Tickets (tasks and subtasks) in the workspace after the sync.</param>
/// <param name="TicketsWritten">Tickets added or changed in the store.</param>
/// <param name="TicketsDeleted">Tickets removed from the store.</param>
/// <param name="ProjectsRecrawled">Projects crawled in full during an incremental sync (new, or their event token expired).</param>
/// <param name="Warnings">What could not be read (the grants concerned are absent).</param>
public sealed record SyncResult(
    string WorkspaceGid,
    SyncMode Mode,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    SyncCallCounts Calls,
    CallFloor? Floor,
    int Tickets,
    int TicketsWritten,
    int TicketsDeleted,
    int ProjectsRecrawled,
    IReadOnlyList<SyncWarning> Warnings)
{
    /// <summary>
    /// Whether Asana's workspace task search is available to the token, as far as known after this sync (see
    /// <see cref="Storage.SyncState.TaskSearchAvailable"/>): when true, follower-only project-less tasks were found too.
    /// Null when search was never asked (disabled by options).
    /// </summary>
    public bool? TaskSearchAvailable { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("WorkspaceGid = ").Append(WorkspaceGid)
            .Append(", Mode = ").Append(Mode)
            .Append(", StartedAt = ").Append(StartedAt)
            .Append(", Duration = ").Append(Duration)
            .Append(", Calls = ").Append(Calls)
            .Append(", Floor = ").Append(Floor)
            .Append(", Tickets = ").Append(Tickets)
            .Append(", TicketsWritten = ").Append(TicketsWritten)
            .Append(", TicketsDeleted = ").Append(TicketsDeleted)
            .Append(", ProjectsRecrawled = ").Append(ProjectsRecrawled)
            .Append(", Warnings = ").AppendList(Warnings)
            .Append(", TaskSearchAvailable = ").Append(TaskSearchAvailable);
        return true;
    }
}
