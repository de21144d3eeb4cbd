namespace Asana.Sync.Storage;

/// <summary>
/// The right to sync one workspace, held by one sync at a time until it is released or expires (a crashed process
/// loses it at <see cref="ExpiresAt"/>). The holder renews it while it runs.
/// </summary>
/// <param name="WorkspaceGid">The workspace.</param>
/// <param name="LeaseId">Unique per acquisition; renewals and the release name it.</param>
/// <param name="Owner">Who holds it, for messages: machine, process and a short id.</param>
/// <param name="AcquiredAt">When it was taken.</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
public sealed record SyncLease(string WorkspaceGid, string LeaseId, string Owner, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);
