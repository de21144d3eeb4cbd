namespace Asana.Sync;

/// <summary>Something a sync could not read; the grants it would carry are absent (fail closed).</summary>
/// <param name="Code">Machine-readable code, e.g. "project_memberships_forbidden".</param>
/// <param name="ResourceGid">The Asana object concerned (a project or task gid), if any.</param>
/// <param name="Message">What happened and what it means for visibility.</param>
public sealed record SyncWarning(string Code, string? ResourceGid, string Message);
