using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Sync.Storage;

/// <summary>A ticket as stored: its Asana task, its Merge shape, the principal tokens that may see it.</summary>
/// <param name="Source">The Asana task (name and notes feed the full-text index).</param>
/// <param name="Model">The Merge ticket with its permission objects.</param>
/// <param name="PrincipalTokens">The principals that may see it (an empty list means nobody: fail closed).</param>
/// <param name="NumSubtasks">Asana's <c>num_subtasks</c> when read, used by incremental sync to notice new subtasks.</param>
public sealed record TicketEntry(TaskRecord Source, Ticket Model, IReadOnlyList<string> PrincipalTokens, int NumSubtasks);
