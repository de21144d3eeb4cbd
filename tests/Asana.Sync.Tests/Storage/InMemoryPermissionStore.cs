using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Storage;

/// <summary>
/// A complete <see cref="IPermissionStore"/> in memory, for tests and as the model of a custom store: it passes the store
/// contract tests (see docs/custom-stores.md). One lock guards everything, since a sync renews its lease while it
/// writes. A unit of work only buffers its changes; its commit checks the generation and applies them at once.
/// </summary>
internal sealed class InMemoryPermissionStore(TimeProvider? timeProvider = null) : IPermissionStore
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Dictionary<string, Rows> _workspaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _purged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SyncLease> _leases = new(StringComparer.Ordinal);

    public Task<long> GetGenerationAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_generations.GetValueOrDefault(workspaceGid));
        }
    }

    public Task<StoredWorkspace?> LoadAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_workspaces.TryGetValue(workspaceGid, out var rows) || rows.Workspace is null)
            {
                return Task.FromResult<StoredWorkspace?>(null);
            }

            // The source records the engine needs to rebuild the workspace, taken apart from the entries it wrote.
            var users = rows.Users.Values;
            var data = new WorkspaceData(
                rows.Workspace,
                [.. users.Select(u => u.Source)],
                [.. users.Select(u => u.Membership)],
                [.. rows.Teams.Values.Select(t => t.Source)],
                [.. rows.Teams.Values.SelectMany(t => t.Memberships)],
                [.. rows.Collections.Values.Select(c => c.Project).OfType<ProjectRecord>()],
                [.. rows.Collections.Values.SelectMany(c => c.ProjectMemberships)],
                [.. rows.Collections.Values.Select(c => c.Section).OfType<SectionRecord>()],
                [.. rows.Tickets.Values.Select(t => t.Source)])
            {
                Portfolios = [.. rows.Portfolios.Values.Select(p => p.Source)],
                PortfolioMemberships = [.. rows.Portfolios.Values.SelectMany(p => p.Memberships)],
                ProjectPortfolioSettings = [.. rows.Portfolios.Values.SelectMany(p => p.ProjectSettings)],
            };
            var stored = new StoredWorkspace(data, rows.Tickets.ToDictionary(t => t.Key, t => t.Value.NumSubtasks, StringComparer.Ordinal), rows.State)
            {
                Generation = _generations[workspaceGid],
                // Optional: without them, an incremental sync rewrites every row.
                Fingerprints = new RowFingerprints(
                    Fingerprints(rows.Users, u => u.Fingerprint),
                    Fingerprints(rows.Teams, t => t.Fingerprint),
                    Fingerprints(rows.Collections, c => c.Fingerprint),
                    Fingerprints(rows.Tickets, t => t.Fingerprint),
                    Fingerprints(rows.Portfolios, p => p.Fingerprint)),
            };
            return Task.FromResult<StoredWorkspace?>(stored);
        }
    }

    public Task<IPermissionStoreWriter> BeginSyncAsync(string workspaceGid, long expectedGeneration, CancellationToken cancellationToken = default) =>
        Task.FromResult<IPermissionStoreWriter>(new Writer(this, workspaceGid, expectedGeneration));

    public Task<bool> PurgeAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            // Always a new generation, even for a workspace with nothing stored: a sync that began before stays refused.
            _generations[workspaceGid] = _generations.GetValueOrDefault(workspaceGid) + 1;
            _purged.Add(workspaceGid);
            return Task.FromResult(_workspaces.Remove(workspaceGid));
        }
    }

    public Task<SyncLease> TryAcquireSyncLeaseAsync(string workspaceGid, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_leases.TryGetValue(workspaceGid, out var held) && held.ExpiresAt > now)
            {
                throw PermissionStoreException.LeaseHeldBy(held);
            }

            var lease = new SyncLease(workspaceGid, Guid.NewGuid().ToString("N"), owner, now, now + duration);
            _leases[workspaceGid] = lease;
            return Task.FromResult(lease);
        }
    }

    public Task<SyncLease?> RenewSyncLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_leases.TryGetValue(lease.WorkspaceGid, out var held) || held.LeaseId != lease.LeaseId)
            {
                return Task.FromResult<SyncLease?>(null); // lost: it expired and another sync took it
            }

            var renewed = held with { ExpiresAt = _time.GetUtcNow() + duration };
            _leases[lease.WorkspaceGid] = renewed;
            return Task.FromResult<SyncLease?>(renewed);
        }
    }

    public Task ReleaseSyncLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_leases.TryGetValue(lease.WorkspaceGid, out var held) && held.LeaseId == lease.LeaseId)
            {
                _leases.Remove(lease.WorkspaceGid);
            }

            return Task.CompletedTask;
        }
    }

    private void Commit(string workspaceGid, long expectedGeneration, List<Action<Rows>> changes)
    {
        lock (_lock)
        {
            var generation = _generations.GetValueOrDefault(workspaceGid);
            if (generation != expectedGeneration)
            {
                throw PermissionStoreException.Superseded(workspaceGid, generation, expectedGeneration, _purged.Contains(workspaceGid));
            }

            // Applied to a copy that replaces the workspace, so readers see the previous state or the new one, never a mix.
            var rows = _workspaces.TryGetValue(workspaceGid, out var current) ? current.Copy() : new Rows();
            changes.ForEach(change => change(rows));
            _workspaces[workspaceGid] = rows;
            _generations[workspaceGid] = generation + 1;
            _purged.Remove(workspaceGid);
        }
    }

    private static Dictionary<string, string> Fingerprints<T>(SortedDictionary<string, T> rows, Func<T, string?> fingerprint) =>
        rows.Where(r => fingerprint(r.Value) is not null).ToDictionary(r => r.Key, r => fingerprint(r.Value)!, StringComparer.Ordinal);

    /// <summary>One workspace: the entries as the sync wrote them, by gid.</summary>
    private sealed class Rows
    {
        public WorkspaceRecord? Workspace { get; set; }

        public SyncState State { get; set; } = new(null, null, new Dictionary<string, string>());

        public SortedDictionary<string, UserEntry> Users { get; private init; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, TeamEntry> Teams { get; private init; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, PortfolioEntry> Portfolios { get; private init; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, CollectionEntry> Collections { get; private init; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, TicketEntry> Tickets { get; private init; } = new(StringComparer.Ordinal);

        public Rows Copy() => new()
        {
            Workspace = Workspace,
            State = State,
            Users = new(Users, StringComparer.Ordinal),
            Teams = new(Teams, StringComparer.Ordinal),
            Portfolios = new(Portfolios, StringComparer.Ordinal),
            Collections = new(Collections, StringComparer.Ordinal),
            Tickets = new(Tickets, StringComparer.Ordinal),
        };
    }

    /// <summary>Buffers one sync's changes; only <see cref="CommitAsync"/> applies them, so disposing discards them.</summary>
    private sealed class Writer(InMemoryPermissionStore store, string workspaceGid, long expectedGeneration) : IPermissionStoreWriter
    {
        private readonly List<Action<Rows>> _changes = [];
        private bool _done;

        public string WorkspaceGid => workspaceGid;

        public Task ClearAsync(CancellationToken cancellationToken = default) => Add(rows =>
        {
            rows.Workspace = null;
            rows.State = new(null, null, new Dictionary<string, string>());
            rows.Users.Clear();
            rows.Teams.Clear();
            rows.Portfolios.Clear();
            rows.Collections.Clear();
            rows.Tickets.Clear();
        });

        public Task WriteWorkspaceAsync(WorkspaceRecord workspace, IReadOnlyList<Role> roles, CancellationToken cancellationToken = default) =>
            Add(rows => rows.Workspace = workspace);

        public Task UpsertUsersAsync(IReadOnlyList<UserEntry> users, CancellationToken cancellationToken = default) => Upsert(users, r => r.Users, u => u.Source.Gid);

        public Task DeleteUsersAsync(IReadOnlyList<string> userGids, CancellationToken cancellationToken = default) => Delete(userGids, r => r.Users);

        public Task UpsertTeamsAsync(IReadOnlyList<TeamEntry> teams, CancellationToken cancellationToken = default) => Upsert(teams, r => r.Teams, t => t.Source.Gid);

        public Task DeleteTeamsAsync(IReadOnlyList<string> teamGids, CancellationToken cancellationToken = default) => Delete(teamGids, r => r.Teams);

        public Task UpsertPortfoliosAsync(IReadOnlyList<PortfolioEntry> portfolios, CancellationToken cancellationToken = default) =>
            Upsert(portfolios, r => r.Portfolios, p => p.Source.Gid);

        public Task DeletePortfoliosAsync(IReadOnlyList<string> portfolioGids, CancellationToken cancellationToken = default) => Delete(portfolioGids, r => r.Portfolios);

        public Task UpsertCollectionsAsync(IReadOnlyList<CollectionEntry> collections, CancellationToken cancellationToken = default) =>
            Upsert(collections, r => r.Collections, c => c.Model.RemoteId);

        public async Task DeleteCollectionsAsync(IReadOnlyList<string> collectionGids, CancellationToken cancellationToken = default)
        {
            await Delete(collectionGids, r => r.Collections);
            // A deleted project's event sync token goes with it.
            var gone = collectionGids.ToHashSet(StringComparer.Ordinal);
            await Add(rows => rows.State = rows.State with
            {
                ProjectSyncTokens = rows.State.ProjectSyncTokens.Where(t => !gone.Contains(t.Key)).ToDictionary(StringComparer.Ordinal),
            });
        }

        public Task UpsertTicketsAsync(IReadOnlyList<TicketEntry> tickets, CancellationToken cancellationToken = default) => Upsert(tickets, r => r.Tickets, t => t.Source.Gid);

        public Task DeleteTicketsAsync(IReadOnlyList<string> ticketGids, CancellationToken cancellationToken = default) => Delete(ticketGids, r => r.Tickets);

        public Task WriteSyncStateAsync(SyncState state, CancellationToken cancellationToken = default) => Add(rows => rows.State = state);

        public Task CommitAsync(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_done, this);
            store.Commit(workspaceGid, expectedGeneration, _changes);
            _done = true;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            _done = true;
            _changes.Clear(); // uncommitted: discarded
            return ValueTask.CompletedTask;
        }

        private Task Upsert<T>(IReadOnlyList<T> entries, Func<Rows, SortedDictionary<string, T>> table, Func<T, string> gid)
        {
            var copy = entries.ToArray(); // the caller may reuse its list
            return Add(rows =>
            {
                foreach (var entry in copy)
                {
                    table(rows)[gid(entry)] = entry;
                }
            });
        }

        private Task Delete<T>(IReadOnlyList<string> gids, Func<Rows, SortedDictionary<string, T>> table)
        {
            var copy = gids.ToArray();
            return Add(rows =>
            {
                foreach (var gid in copy)
                {
                    table(rows).Remove(gid);
                }
            });
        }

        private Task Add(Action<Rows> change)
        {
            _changes.Add(change);
            return Task.CompletedTask;
        }
    }
}
