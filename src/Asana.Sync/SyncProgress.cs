namespace Asana.Sync;

/// <summary>Where a sync is.</summary>
/// <param name="Phase">The phase, e.g. "permissions", "tasks", "subtasks", "events", "store".</param>
/// <param name="Requests">Asana requests made so far.</param>
/// <param name="TasksSeen">Tasks and subtasks read so far.</param>
/// <param name="Message">A short human-readable line (no user gids or emails).</param>
public sealed record SyncProgress(string Phase, int Requests, int TasksSeen, string Message);
