using System.Globalization;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Asana.Sync.PostgreSql;

/// <summary>
/// One PostgreSQL transaction per sync, holding the workspace's advisory lock from its start; each call is one round
/// trip (a batch of statements). Dispose without commit rolls back.
/// </summary>
internal sealed class PostgreSqlPermissionStoreWriter : IPermissionStoreWriter
{
    private static readonly string[] WorkspaceTables =
        [
            "tasks", "ticket_tokens", "users", "user_tokens", "teams", "team_memberships", "projects", "project_memberships", "sections", "collections",
            "project_sync_tokens", "portfolios", "portfolio_memberships", "project_portfolio_settings",
        ];

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly long? _expectedGeneration;
    private bool _committed;
    private bool _disposed;
    private bool _purging;

    // What the change feed records at the commit: every ticket and collection after a clear, else the ones touched.
    private bool _cleared;
    private readonly HashSet<string> _touchedTickets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touchedCollections = new(StringComparer.Ordinal);

    // expectedGeneration: the generation the sync started from; null for a purge, which always wins.
    public PostgreSqlPermissionStoreWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, string workspaceGid, long? expectedGeneration)
    {
        _connection = connection;
        _transaction = transaction;
        WorkspaceGid = workspaceGid;
        _expectedGeneration = expectedGeneration;
    }

    public string WorkspaceGid { get; }

    public Task ClearAsync(CancellationToken cancellationToken = default) => ClearRowsAsync(cancellationToken);

    internal async Task<bool> DeleteWorkspaceAsync(CancellationToken cancellationToken)
    {
        _purging = true;
        await ClearRowsAsync(cancellationToken);
        await using var command = PostgreSqlPermissionStore.Command(_connection, _transaction, "DELETE FROM workspaces WHERE gid = $1;", WorkspaceGid);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private async Task ClearRowsAsync(CancellationToken cancellationToken)
    {
        ThrowIfDone();
        _cleared = true;
        var batch = new Batch(this);
        foreach (var table in WorkspaceTables)
        {
            // The table names are this class's constants, never input.
            batch.Add($"DELETE FROM {table} WHERE workspace_gid = $1;");
        }

        await batch.ExecuteAsync(cancellationToken);
    }

    public async Task WriteWorkspaceAsync(WorkspaceRecord workspace, IReadOnlyList<Role> roles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(roles);
        ThrowIfDone();
        var rolesJson = PostgreSqlJson.ToJson(roles, static (w, list) =>
        {
            w.WriteStartArray();
            foreach (var role in list)
            {
                MergeJson.WriteRole(w, role);
            }

            w.WriteEndArray();
        });
        var batch = new Batch(this);
        batch.Add(
            """
            INSERT INTO workspaces (gid, name, is_organization, roles_json) VALUES ($1, $2, $3, $4)
            ON CONFLICT (gid) DO UPDATE SET name = excluded.name, is_organization = excluded.is_organization, roles_json = excluded.roles_json;
            """,
            workspace.Name,
            workspace.IsOrganization,
            Jsonb(rolesJson));
        await batch.ExecuteAsync(cancellationToken);
    }

    public async Task UpsertUsersAsync(IReadOnlyList<UserEntry> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ThrowIfDone();
        var batch = new Batch(this);
        foreach (var entry in users)
        {
            var source = entry.Source;
            batch.Add(
                """
                INSERT INTO users (workspace_gid, gid, name, email, is_active, is_admin, is_guest, model_json, fingerprint) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (workspace_gid, gid) DO UPDATE SET name = excluded.name, email = excluded.email, is_active = excluded.is_active, is_admin = excluded.is_admin,
                    is_guest = excluded.is_guest, model_json = excluded.model_json, fingerprint = excluded.fingerprint;
                """,
                source.Gid,
                source.Name,
                source.Email,
                entry.Membership.IsActive,
                entry.Membership.IsAdmin,
                entry.Membership.IsGuest,
                Jsonb(PostgreSqlJson.ToJson(entry.Model, MergeJson.WriteUser)),
                entry.Fingerprint);
            batch.Add("DELETE FROM user_tokens WHERE workspace_gid = $1 AND user_gid = $2;", source.Gid);
            batch.Add("INSERT INTO user_tokens (workspace_gid, user_gid, token) SELECT $1, $2, t FROM unnest($3::text[]) AS t ON CONFLICT DO NOTHING;", source.Gid, entry.PrincipalTokens.ToArray());
        }

        await batch.ExecuteAsync(cancellationToken);
    }

    public Task DeleteUsersAsync(IReadOnlyList<string> userGids, CancellationToken cancellationToken = default) =>
        DeleteByGidAsync(userGids, ["DELETE FROM users WHERE workspace_gid = $1 AND gid = ANY($2);", "DELETE FROM user_tokens WHERE workspace_gid = $1 AND user_gid = ANY($2);"], cancellationToken);

    public async Task UpsertTeamsAsync(IReadOnlyList<TeamEntry> teams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ThrowIfDone();
        var batch = new Batch(this);
        foreach (var entry in teams)
        {
            var gid = entry.Source.Gid;
            batch.Add(
                """
                INSERT INTO teams (workspace_gid, gid, name, model_json, fingerprint, description) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (workspace_gid, gid) DO UPDATE SET name = excluded.name, model_json = excluded.model_json, fingerprint = excluded.fingerprint,
                    description = excluded.description;
                """,
                gid,
                entry.Source.Name,
                Jsonb(PostgreSqlJson.ToJson(entry.Model, MergeJson.WriteTeam)),
                entry.Fingerprint,
                entry.Source.Description);
            batch.Add("DELETE FROM team_memberships WHERE workspace_gid = $1 AND team_gid = $2;", gid);
            foreach (var membership in entry.Memberships)
            {
                batch.Add(
                    """
                    INSERT INTO team_memberships (workspace_gid, team_gid, user_gid, is_guest, is_limited_access) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (workspace_gid, team_gid, user_gid) DO UPDATE SET is_guest = excluded.is_guest, is_limited_access = excluded.is_limited_access;
                    """,
                    gid,
                    membership.UserGid,
                    membership.IsGuest,
                    membership.IsLimitedAccess);
            }
        }

        await batch.ExecuteAsync(cancellationToken);
    }

    public Task DeleteTeamsAsync(IReadOnlyList<string> teamGids, CancellationToken cancellationToken = default) =>
        DeleteByGidAsync(teamGids, ["DELETE FROM teams WHERE workspace_gid = $1 AND gid = ANY($2);", "DELETE FROM team_memberships WHERE workspace_gid = $1 AND team_gid = ANY($2);"], cancellationToken);

    public async Task UpsertPortfoliosAsync(IReadOnlyList<PortfolioEntry> portfolios, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(portfolios);
        ThrowIfDone();
        var batch = new Batch(this);
        foreach (var entry in portfolios)
        {
            var gid = entry.Source.Gid;
            batch.Add(
                """
                INSERT INTO portfolios (workspace_gid, gid, name, fingerprint) VALUES ($1, $2, $3, $4)
                ON CONFLICT (workspace_gid, gid) DO UPDATE SET name = excluded.name, fingerprint = excluded.fingerprint;
                """,
                gid,
                entry.Source.Name,
                entry.Fingerprint);
            AddMembers(batch, "portfolio_memberships", "portfolio_gid", gid, entry.Memberships.Select(m => (m.MemberGid, m.MemberKind)));
            batch.Add("DELETE FROM project_portfolio_settings WHERE workspace_gid = $1 AND portfolio_gid = $2;", gid);
            foreach (var setting in entry.ProjectSettings)
            {
                batch.Add(
                    """
                    INSERT INTO project_portfolio_settings (workspace_gid, portfolio_gid, project_gid, is_access_control_inherited) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (workspace_gid, portfolio_gid, project_gid) DO UPDATE SET is_access_control_inherited = excluded.is_access_control_inherited;
                    """,
                    gid,
                    setting.ProjectGid,
                    setting.IsAccessControlInherited);
            }
        }

        await batch.ExecuteAsync(cancellationToken);
    }

    public Task DeletePortfoliosAsync(IReadOnlyList<string> portfolioGids, CancellationToken cancellationToken = default) =>
        DeleteByGidAsync(
            portfolioGids,
            [
                "DELETE FROM portfolios WHERE workspace_gid = $1 AND gid = ANY($2);",
                "DELETE FROM portfolio_memberships WHERE workspace_gid = $1 AND portfolio_gid = ANY($2);",
                "DELETE FROM project_portfolio_settings WHERE workspace_gid = $1 AND portfolio_gid = ANY($2);",
            ],
            cancellationToken);

    public async Task UpsertCollectionsAsync(IReadOnlyList<CollectionEntry> collections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collections);
        ThrowIfDone();
        var batch = new Batch(this);
        foreach (var entry in collections)
        {
            _touchedCollections.Add(entry.Model.RemoteId);
            batch.Add(
                """
                INSERT INTO collections (workspace_gid, gid, kind, model_json, fingerprint) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (workspace_gid, gid) DO UPDATE SET kind = excluded.kind, model_json = excluded.model_json, fingerprint = excluded.fingerprint;
                """,
                entry.Model.RemoteId,
                entry.Project is not null ? "project" : "section",
                Jsonb(PostgreSqlJson.ToJson(entry.Model, MergeJson.WriteCollection)),
                entry.Fingerprint);
            if (entry.Project is { } p)
            {
                batch.Add(
                    """
                    INSERT INTO projects (workspace_gid, gid, name, privacy_setting, team_gid, archived, notes) VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (workspace_gid, gid) DO UPDATE SET name = excluded.name, privacy_setting = excluded.privacy_setting, team_gid = excluded.team_gid, archived = excluded.archived,
                        notes = excluded.notes;
                    """,
                    p.Gid,
                    p.Name,
                    p.PrivacySetting,
                    p.TeamGid,
                    p.Archived,
                    p.Notes);
                AddMembers(batch, "project_memberships", "project_gid", p.Gid, entry.ProjectMemberships.Select(m => (m.MemberGid, m.MemberKind)));
            }

            if (entry.Section is { } s)
            {
                batch.Add(
                    """
                    INSERT INTO sections (workspace_gid, gid, name, project_gid) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (workspace_gid, gid) DO UPDATE SET name = excluded.name, project_gid = excluded.project_gid;
                    """,
                    s.Gid,
                    s.Name,
                    s.ProjectGid);
            }
        }

        await batch.ExecuteAsync(cancellationToken);
    }

    public Task DeleteCollectionsAsync(IReadOnlyList<string> collectionGids, CancellationToken cancellationToken = default) =>
        DeleteByGidAsync(
            Touch(_touchedCollections, collectionGids),
            [
                "DELETE FROM collections WHERE workspace_gid = $1 AND gid = ANY($2);",
                "DELETE FROM projects WHERE workspace_gid = $1 AND gid = ANY($2);",
                "DELETE FROM project_memberships WHERE workspace_gid = $1 AND project_gid = ANY($2);",
                "DELETE FROM project_sync_tokens WHERE workspace_gid = $1 AND project_gid = ANY($2);",
                "DELETE FROM sections WHERE workspace_gid = $1 AND gid = ANY($2);",
            ],
            cancellationToken);

    public async Task UpsertTicketsAsync(IReadOnlyList<TicketEntry> tickets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ThrowIfDone();
        var batch = new Batch(this);
        foreach (var entry in tickets)
        {
            var task = entry.Source;
            _touchedTickets.Add(task.Gid);
            batch.Add(
                """
                INSERT INTO tasks (workspace_gid, gid, name, notes, assignee_gid, follower_gids, memberships_json, parent_gid, modified_at, completed, num_subtasks, model_json, fingerprint, details_json)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                ON CONFLICT (workspace_gid, gid) DO UPDATE SET name = excluded.name, notes = excluded.notes, assignee_gid = excluded.assignee_gid,
                    follower_gids = excluded.follower_gids, memberships_json = excluded.memberships_json, parent_gid = excluded.parent_gid,
                    modified_at = excluded.modified_at, completed = excluded.completed, num_subtasks = excluded.num_subtasks, model_json = excluded.model_json,
                    fingerprint = excluded.fingerprint, details_json = excluded.details_json;
                """,
                task.Gid,
                task.Name,
                task.Notes,
                task.AssigneeGid,
                task.FollowerGids.ToArray(),
                Jsonb(PostgreSqlJson.EncodePlacements(task.Memberships)),
                task.ParentGid,
                task.ModifiedAt,
                task.Completed,
                entry.NumSubtasks,
                Jsonb(PostgreSqlJson.ToJson(entry.Model, MergeJson.WriteTicket)),
                entry.Fingerprint,
                Storage.Codecs.TaskDetailsJson.Encode(task.Details));
            batch.Add("DELETE FROM ticket_tokens WHERE workspace_gid = $1 AND ticket_gid = $2;", task.Gid);
            batch.Add("INSERT INTO ticket_tokens (workspace_gid, ticket_gid, token) SELECT $1, $2, t FROM unnest($3::text[]) AS t ON CONFLICT DO NOTHING;", task.Gid, entry.PrincipalTokens.ToArray());
        }

        await batch.ExecuteAsync(cancellationToken);
    }

    public Task DeleteTicketsAsync(IReadOnlyList<string> ticketGids, CancellationToken cancellationToken = default) =>
        DeleteByGidAsync(Touch(_touchedTickets, ticketGids), ["DELETE FROM tasks WHERE workspace_gid = $1 AND gid = ANY($2);", "DELETE FROM ticket_tokens WHERE workspace_gid = $1 AND ticket_gid = ANY($2);"], cancellationToken);

    public async Task WriteSyncStateAsync(SyncState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ThrowIfDone();
        await using (var update = PostgreSqlPermissionStore.Command(
            _connection,
            _transaction,
            "UPDATE workspaces SET last_sync_at = $2, last_full_sync_at = $3, lookback_days = $4, last_projectless_scan_at = $5, task_search_available = $6 WHERE gid = $1;",
            WorkspaceGid,
            Typed(NpgsqlDbType.TimestampTz, state.LastSyncAt?.ToUniversalTime()),
            Typed(NpgsqlDbType.TimestampTz, state.LastFullSyncAt?.ToUniversalTime()),
            Typed(NpgsqlDbType.Integer, state.LookbackDays),
            Typed(NpgsqlDbType.TimestampTz, state.LastProjectlessScanAt?.ToUniversalTime()),
            Typed(NpgsqlDbType.Boolean, state.TaskSearchAvailable)))
        {
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw new InvalidOperationException("WriteWorkspaceAsync must be called before WriteSyncStateAsync.");
            }
        }

        var batch = new Batch(this);
        batch.Add("DELETE FROM project_sync_tokens WHERE workspace_gid = $1;");
        batch.Add(
            "INSERT INTO project_sync_tokens (workspace_gid, project_gid, sync_token) SELECT $1, p, t FROM unnest($2::text[], $3::text[]) AS x(p, t);",
            state.ProjectSyncTokens.Keys.ToArray(),
            state.ProjectSyncTokens.Values.ToArray());
        await batch.ExecuteAsync(cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDone();
        cancellationToken.ThrowIfCancellationRequested();
        var batch = new Batch(this);
        batch.Add(
            """
            INSERT INTO workspace_generations (workspace_gid, generation, purged, change_seq) VALUES ($1, 1, $2, 1)
            ON CONFLICT (workspace_gid) DO UPDATE SET generation = workspace_generations.generation + 1, purged = excluded.purged,
                change_seq = workspace_generations.change_seq + 1;
            """,
            _purging);
        AddChangeLog(batch, ChangeCursor.TicketKind, "tasks", _cleared ? null : _touchedTickets);
        AddChangeLog(batch, ChangeCursor.CollectionKind, "collections", _cleared ? null : _touchedCollections);
        await batch.ExecuteAsync(cancellationToken);
        await _transaction.CommitAsync(CancellationToken.None);
        _committed = true;
    }

    /// <summary>
    /// Throws when another commit or a purge came after the generation this sync started from. Run once, when the writer
    /// opens: its transaction holds the workspace's advisory lock from then on, so no other writer can move the
    /// generation before the commit.
    /// </summary>
    internal async Task ThrowIfSupersededAsync(CancellationToken cancellationToken)
    {
        if (_expectedGeneration is not { } expected)
        {
            return;
        }

        var (current, purged) = await PostgreSqlPermissionStore.ReadGenerationAsync(_connection, _transaction, WorkspaceGid, cancellationToken);
        if (current == expected)
        {
            return;
        }

        throw PermissionStoreException.Superseded(WorkspaceGid, current, expected, purged);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_committed)
        {
            try
            {
                await _transaction.RollbackAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The connection is broken: the server rolled back already.
            }
            catch (InvalidOperationException)
            {
                // Already completed.
            }
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>How a member kind is stored in the membership tables.</summary>
    internal static string MemberKindText(MemberKind kind) => kind == MemberKind.Team ? "team" : "user";

    internal static MemberKind ParseMemberKind(string text) => text == "team" ? MemberKind.Team : MemberKind.User;

    /// <summary>Replaces the user and team members of one project or portfolio.</summary>
    private static void AddMembers(Batch batch, string table, string ownerColumn, string gid, IEnumerable<(string Gid, MemberKind Kind)> members)
    {
        var list = members.ToList();
        // The table and column names are this class's constants, never input.
        batch.Add($"DELETE FROM {table} WHERE workspace_gid = $1 AND {ownerColumn} = $2;", gid);
        batch.Add(
            $"INSERT INTO {table} (workspace_gid, {ownerColumn}, member_gid, member_kind) SELECT $1, $2, m, k FROM unnest($3::text[], $4::text[]) AS x(m, k) ON CONFLICT DO NOTHING;",
            gid,
            list.Select(m => m.Gid).ToArray(),
            list.Select(m => MemberKindText(m.Kind)).ToArray());
    }

    /// <summary>Notes gids the change feed compares at the commit; returns them.</summary>
    private static IReadOnlyList<string> Touch(HashSet<string> touched, IReadOnlyList<string> gids)
    {
        ArgumentNullException.ThrowIfNull(gids);
        touched.UnionWith(gids);
        return gids;
    }

    /// <summary>
    /// Records one kind in the change feed's log at the commit's sequence number (set by the statement before): a row
    /// that is new, came back or whose fingerprint changed (one without a fingerprint always counts as changed) is
    /// logged; a logged row that is gone becomes a tombstone. <paramref name="table"/> is a constant of this class;
    /// <paramref name="touched"/> null compares every row (after a clear).
    /// </summary>
    private static void AddChangeLog(Batch batch, string kind, string table, HashSet<string>? touched)
    {
        if (touched is { Count: 0 })
        {
            return;
        }

        const string Sequence = "(SELECT change_seq FROM workspace_generations WHERE workspace_gid = $1)";
        var onlyTouched = touched is null ? string.Empty : "AND gid = ANY($3)";
        object?[] values = touched is null ? [kind] : [kind, touched.ToArray()];
        batch.Add(
            $"""
            INSERT INTO change_log (workspace_gid, kind, gid, seq, deleted, fingerprint)
            SELECT workspace_gid, $2, gid, {Sequence}, false, fingerprint FROM {table} WHERE workspace_gid = $1 {onlyTouched}
            ON CONFLICT (workspace_gid, kind, gid) DO UPDATE SET seq = excluded.seq, deleted = false, fingerprint = excluded.fingerprint
            WHERE change_log.deleted OR excluded.fingerprint IS NULL OR change_log.fingerprint IS DISTINCT FROM excluded.fingerprint;
            """,
            values);
        batch.Add(
            $"""
            UPDATE change_log l SET seq = {Sequence}, deleted = true, fingerprint = NULL
            WHERE l.workspace_gid = $1 AND l.kind = $2 AND NOT l.deleted {onlyTouched.Replace("gid", "l.gid", StringComparison.Ordinal)}
                AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.workspace_gid = $1 AND r.gid = l.gid);
            """,
            values);
    }

    private async Task DeleteByGidAsync(IReadOnlyList<string> gids, string[] statements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gids);
        ThrowIfDone();
        if (gids.Count == 0)
        {
            return;
        }

        var batch = new Batch(this);
        var array = gids.ToArray();
        foreach (var sql in statements)
        {
            batch.Add(sql, (object)array);
        }

        await batch.ExecuteAsync(cancellationToken);
    }

    private static NpgsqlParameter Jsonb(string json) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = json };

    private static NpgsqlParameter Typed(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    private void ThrowIfDone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            throw new InvalidOperationException("This unit of work is already committed.");
        }
    }

    /// <summary>Statements sent in one round trip, each with the workspace as <c>$1</c> and the given values after it.</summary>
    private sealed class Batch(PostgreSqlPermissionStoreWriter writer)
    {
        private readonly List<NpgsqlBatchCommand> _commands = [];

        public void Add(string sql, params object?[] values)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = writer.WorkspaceGid });
            foreach (var value in values)
            {
                command.Parameters.Add(value switch
                {
                    NpgsqlParameter parameter => parameter,
                    DateTimeOffset at => new NpgsqlParameter { Value = at.ToUniversalTime() },
                    null => new NpgsqlParameter { Value = DBNull.Value },
                    _ => new NpgsqlParameter { Value = value },
                });
            }

            _commands.Add(command);
        }

        public async Task ExecuteAsync(CancellationToken cancellationToken)
        {
            if (_commands.Count == 0)
            {
                return;
            }

            await using var batch = new NpgsqlBatch(writer._connection, writer._transaction);
            foreach (var command in _commands)
            {
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
