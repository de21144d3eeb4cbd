namespace Asana.Sync.Storage;

/// <summary>A full-text hit the user may see.</summary>
/// <param name="TicketGid">The task gid.</param>
/// <param name="Name">The task name.</param>
/// <param name="Snippet">A short excerpt around the match.</param>
public sealed record SearchHit(string TicketGid, string Name, string Snippet);
