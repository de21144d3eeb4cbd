using System.Text;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Shared;

namespace Asana.Sync.Storage;

/// <summary>A ticket as stored: its Asana task, its Merge shape, the principal tokens that may see it.</summary>
/// <param name="Source">The Asana task (name and notes feed the full-text index).</param>
/// <param name="Model">The Merge ticket with its permission objects.</param>
/// <param name="PrincipalTokens">The principals that may see it (an empty list means nobody: fail closed).</param>
/// <param name="NumSubtasks">Asana's <c>num_subtasks</c> when read, used by incremental sync to notice new subtasks.</param>
public sealed record TicketEntry(TaskRecord Source, Ticket Model, IReadOnlyList<string> PrincipalTokens, int NumSubtasks)
{
    /// <summary>
    /// An opaque fingerprint of everything in this entry, set by the sync. A store that keeps it with the row and returns
    /// it through <see cref="IPermissionStore.LoadAsync"/> (<see cref="StoredWorkspace.Fingerprints"/>) lets an incremental
    /// sync skip the rows that did not change; a store that does not simply gets every row rewritten.
    /// </summary>
    public string? Fingerprint { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Source = ").Append(Source)
            .Append(", Model = ").Append(Model)
            .Append(", PrincipalTokens = ").AppendList(PrincipalTokens)
            .Append(", NumSubtasks = ").Append(NumSubtasks)
            .Append(", Fingerprint = ").Append(Fingerprint);
        return true;
    }
}
