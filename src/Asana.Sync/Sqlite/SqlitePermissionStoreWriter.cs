using System.Globalization;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;
using Microsoft.Data.Sqlite;

namespace Asana.Sync.Sqlite;

/// <summary>One SQLite transaction (BEGIN IMMEDIATE) per sync; dispose without commit rolls back.</summary>
internal sealed class SqlitePermissionStoreWriter : IPermissionStoreWriter
{
    private static readonly string[] WorkspaceTables =
        [
            "users", "user_tokens", "teams", "team_memberships", "projects", "project_memberships", "sections", "collections", "project_sync_tokens",
            "ticket_tokens", "portfolios", "portfolio_memberships", "project_portfolio_settings",
        ];

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Action<string> _onCommitted;
    private readonly long? _expectedGeneration;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private bool _committed;
    private bool _disposed;
    private bool _purging;

    // What the change feed records at the commit: every ticket and collection after a clear, else the ones touched.
    private bool _cleared;
    private readonly HashSet<string> _touchedTickets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touchedCollections = new(StringComparer.Ordinal);

    // Tickets upserted since the last clear: the first write of one needs no delete of its old index entry and tokens.
    private readonly HashSet<string> _writtenSinceClear = new(StringComparer.Ordinal);

    // expectedGeneration: the generation the sync started from; null for a purge, which always wins.
    public SqlitePermissionStoreWriter(SqliteConnection connection, SqliteTransaction transaction, string workspaceGid, long? expectedGeneration, Action<string> onCommitted)
    {
        _connection = connection;
        _transaction = transaction;
        WorkspaceGid = workspaceGid;
        _expectedGeneration = expectedGeneration;
        _onCommitted = onCommitted;
    }

    public string WorkspaceGid { get; }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        await ClearRowsAsync(cancellationToken);
    }

    internal async Task<bool> DeleteWorkspaceAsync(CancellationToken cancellationToken)
    {
        _purging = true;
        await ClearRowsAsync(cancellationToken);
        await using var command = SqlitePermissionStore.Command(_connection, _transaction, "DELETE FROM workspaces WHERE gid = $ws;", WorkspaceGid);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private async Task ClearRowsAsync(CancellationToken cancellationToken)
    {
        ThrowIfDone();
        _cleared = true;
        _writtenSinceClear.Clear();
        await SqlitePermissionStore.ExecuteAsync(_connection, _transaction, "DELETE FROM task_search WHERE rowid IN (SELECT id FROM tasks WHERE workspace_gid = $ws);", WorkspaceGid, cancellationToken);
        await SqlitePermissionStore.ExecuteAsync(_connection, _transaction, "DELETE FROM tasks WHERE workspace_gid = $ws;", WorkspaceGid, cancellationToken);
        foreach (var table in WorkspaceTables)
        {
            await SqlitePermissionStore.ExecuteAsync(_connection, _transaction, $"DELETE FROM {table} WHERE workspace_gid = $ws;", WorkspaceGid, cancellationToken);
        }
    }

    public async Task WriteWorkspaceAsync(WorkspaceRecord workspace, IReadOnlyList<Role> roles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(roles);
        ThrowIfDone();
        var rolesJson = MergeJson.ToJson(roles, static (w, list) =>
        {
            w.WriteStartArray();
            foreach (var role in list)
            {
                MergeJson.WriteRole(w, role);
            }

            w.WriteEndArray();
        });
        var command = Prepared("ws", """
            INSERT INTO workspaces (gid, name, is_organization, roles_json) VALUES ($ws, $name, $org, $roles)
            ON CONFLICT (gid) DO UPDATE SET name = excluded.name, is_organization = excluded.is_organization, roles_json = excluded.roles_json;
            """);
        command.Parameters["$name"].Value = workspace.Name;
        command.Parameters["$org"].Value = workspace.IsOrganization ? 1 : 0;
        command.Parameters["$roles"].Value = rolesJson;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task UpsertUsersAsync(IReadOnlyList<UserEntry> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ThrowIfDone();
        var upsert = Prepared("user", """
            INSERT OR REPLACE INTO users (workspace_gid, gid, name, email, email_key, is_active, is_admin, is_guest, model_json, fingerprint)
            VALUES ($ws, $gid, $name, $email, $email_key, $active, $admin, $guest, $json, $fingerprint);
            """);
        var clearTokens = Prepared("user_tokens_del", "DELETE FROM user_tokens WHERE workspace_gid = $ws AND user_gid = $gid;");
        var addToken = Prepared("user_tokens_add", "INSERT OR IGNORE INTO user_tokens (workspace_gid, user_gid, token) VALUES ($ws, $gid, $token);");
        foreach (var entry in users)
        {
            var source = entry.Source;
            Set(upsert, "$gid", source.Gid);
            Set(upsert, "$name", source.Name);
            Set(upsert, "$email", source.Email);
            Set(upsert, "$email_key", source.Email?.ToUpperInvariant());
            Set(upsert, "$active", entry.Membership.IsActive ? 1 : 0);
            Set(upsert, "$admin", entry.Membership.IsAdmin ? 1 : 0);
            Set(upsert, "$guest", entry.Membership.IsGuest ? 1 : 0);
            Set(upsert, "$json", MergeJson.ToJson(entry.Model, MergeJson.WriteUser));
            Set(upsert, "$fingerprint", entry.Fingerprint);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            Set(clearTokens, "$gid", source.Gid);
            await clearTokens.ExecuteNonQueryAsync(cancellationToken);
            Set(addToken, "$gid", source.Gid);
            foreach (var token in entry.PrincipalTokens)
            {
                Set(addToken, "$token", token);
                await addToken.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task DeleteUsersAsync(IReadOnlyList<string> userGids, CancellationToken cancellationToken = default)
    {
        await DeleteByGidAsync(userGids, ["DELETE FROM users WHERE workspace_gid = $ws AND gid = $gid;", "DELETE FROM user_tokens WHERE workspace_gid = $ws AND user_gid = $gid;"], cancellationToken);
    }

    public async Task UpsertTeamsAsync(IReadOnlyList<TeamEntry> teams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ThrowIfDone();
        var upsert = Prepared("team", "INSERT OR REPLACE INTO teams (workspace_gid, gid, name, description, model_json, fingerprint) VALUES ($ws, $gid, $name, $description, $json, $fingerprint);");
        var clear = Prepared("team_members_del", "DELETE FROM team_memberships WHERE workspace_gid = $ws AND team_gid = $gid;");
        var add = Prepared("team_members_add", "INSERT OR REPLACE INTO team_memberships (workspace_gid, team_gid, user_gid, is_guest, is_limited_access) VALUES ($ws, $gid, $user, $guest, $limited);");
        foreach (var entry in teams)
        {
            Set(upsert, "$gid", entry.Source.Gid);
            Set(upsert, "$name", entry.Source.Name);
            Set(upsert, "$description", entry.Source.Description);
            Set(upsert, "$json", MergeJson.ToJson(entry.Model, MergeJson.WriteTeam));
            Set(upsert, "$fingerprint", entry.Fingerprint);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            Set(clear, "$gid", entry.Source.Gid);
            await clear.ExecuteNonQueryAsync(cancellationToken);
            Set(add, "$gid", entry.Source.Gid);
            foreach (var membership in entry.Memberships)
            {
                Set(add, "$user", membership.UserGid);
                Set(add, "$guest", membership.IsGuest ? 1 : 0);
                Set(add, "$limited", membership.IsLimitedAccess ? 1 : 0);
                await add.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task DeleteTeamsAsync(IReadOnlyList<string> teamGids, CancellationToken cancellationToken = default)
    {
        await DeleteByGidAsync(teamGids, ["DELETE FROM teams WHERE workspace_gid = $ws AND gid = $gid;", "DELETE FROM team_memberships WHERE workspace_gid = $ws AND team_gid = $gid;"], cancellationToken);
    }

    public async Task UpsertPortfoliosAsync(IReadOnlyList<PortfolioEntry> portfolios, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(portfolios);
        ThrowIfDone();
        var upsert = Prepared("portfolio", "INSERT OR REPLACE INTO portfolios (workspace_gid, gid, name, fingerprint) VALUES ($ws, $gid, $name, $fingerprint);");
        var clearMembers = Prepared("portfolio_members_del", "DELETE FROM portfolio_memberships WHERE workspace_gid = $ws AND portfolio_gid = $gid;");
        var addMember = Prepared("portfolio_members_add", "INSERT OR IGNORE INTO portfolio_memberships (workspace_gid, portfolio_gid, member_gid, member_kind) VALUES ($ws, $gid, $member, $kind);");
        var clearSettings = Prepared("portfolio_settings_del", "DELETE FROM project_portfolio_settings WHERE workspace_gid = $ws AND portfolio_gid = $gid;");
        var addSetting = Prepared("portfolio_settings_add", "INSERT OR REPLACE INTO project_portfolio_settings (workspace_gid, portfolio_gid, project_gid, is_access_control_inherited) VALUES ($ws, $gid, $project, $inherited);");
        foreach (var entry in portfolios)
        {
            var gid = entry.Source.Gid;
            Set(upsert, "$gid", gid);
            Set(upsert, "$name", entry.Source.Name);
            Set(upsert, "$fingerprint", entry.Fingerprint);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            await ReplaceMembersAsync(clearMembers, addMember, gid, entry.Memberships.Select(m => (m.MemberGid, m.MemberKind)), cancellationToken);
            Set(clearSettings, "$gid", gid);
            await clearSettings.ExecuteNonQueryAsync(cancellationToken);
            Set(addSetting, "$gid", gid);
            foreach (var setting in entry.ProjectSettings)
            {
                Set(addSetting, "$project", setting.ProjectGid);
                Set(addSetting, "$inherited", setting.IsAccessControlInherited ? 1 : 0);
                await addSetting.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task DeletePortfoliosAsync(IReadOnlyList<string> portfolioGids, CancellationToken cancellationToken = default)
    {
        await DeleteByGidAsync(
            portfolioGids,
            [
                "DELETE FROM portfolios WHERE workspace_gid = $ws AND gid = $gid;",
                "DELETE FROM portfolio_memberships WHERE workspace_gid = $ws AND portfolio_gid = $gid;",
                "DELETE FROM project_portfolio_settings WHERE workspace_gid = $ws AND portfolio_gid = $gid;",
            ],
            cancellationToken);
    }

    public async Task UpsertCollectionsAsync(IReadOnlyList<CollectionEntry> collections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collections);
        ThrowIfDone();
        var collection = Prepared("collection", "INSERT OR REPLACE INTO collections (workspace_gid, gid, kind, model_json, fingerprint) VALUES ($ws, $gid, $kind, $json, $fingerprint);");
        var project = Prepared("project", "INSERT OR REPLACE INTO projects (workspace_gid, gid, name, privacy_setting, team_gid, archived, notes) VALUES ($ws, $gid, $name, $privacy, $team, $archived, $notes);");
        var clearMembers = Prepared("project_members_del", "DELETE FROM project_memberships WHERE workspace_gid = $ws AND project_gid = $gid;");
        var addMember = Prepared("project_members_add", "INSERT OR IGNORE INTO project_memberships (workspace_gid, project_gid, member_gid, member_kind) VALUES ($ws, $gid, $member, $kind);");
        var section = Prepared("section", "INSERT OR REPLACE INTO sections (workspace_gid, gid, name, project_gid) VALUES ($ws, $gid, $name, $project);");
        foreach (var entry in collections)
        {
            var gid = entry.Model.RemoteId;
            _touchedCollections.Add(gid);
            Set(collection, "$gid", gid);
            Set(collection, "$kind", entry.Project is not null ? "project" : "section");
            Set(collection, "$json", MergeJson.ToJson(entry.Model, MergeJson.WriteCollection));
            Set(collection, "$fingerprint", entry.Fingerprint);
            await collection.ExecuteNonQueryAsync(cancellationToken);
            if (entry.Project is { } p)
            {
                Set(project, "$gid", p.Gid);
                Set(project, "$name", p.Name);
                Set(project, "$privacy", p.PrivacySetting);
                Set(project, "$team", p.TeamGid);
                Set(project, "$archived", p.Archived ? 1 : 0);
                Set(project, "$notes", p.Notes);
                await project.ExecuteNonQueryAsync(cancellationToken);
                await ReplaceMembersAsync(clearMembers, addMember, p.Gid, entry.ProjectMemberships.Select(m => (m.MemberGid, m.MemberKind)), cancellationToken);
            }

            if (entry.Section is { } s)
            {
                Set(section, "$gid", s.Gid);
                Set(section, "$name", s.Name);
                Set(section, "$project", s.ProjectGid);
                await section.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task DeleteCollectionsAsync(IReadOnlyList<string> collectionGids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collectionGids);
        _touchedCollections.UnionWith(collectionGids);
        await DeleteByGidAsync(
            collectionGids,
            [
                "DELETE FROM collections WHERE workspace_gid = $ws AND gid = $gid;",
                "DELETE FROM projects WHERE workspace_gid = $ws AND gid = $gid;",
                "DELETE FROM project_memberships WHERE workspace_gid = $ws AND project_gid = $gid;",
                "DELETE FROM project_sync_tokens WHERE workspace_gid = $ws AND project_gid = $gid;",
                "DELETE FROM sections WHERE workspace_gid = $ws AND gid = $gid;",
            ],
            cancellationToken);
    }

    public async Task UpsertTicketsAsync(IReadOnlyList<TicketEntry> tickets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ThrowIfDone();
        var upsert = Prepared("task", """
            INSERT INTO tasks (workspace_gid, gid, name, notes, assignee_gid, followers_json, memberships_json, parent_gid, modified_at, completed, num_subtasks, model_json, fingerprint, details_json)
            VALUES ($ws, $gid, $name, $notes, $assignee, $followers, $memberships, $parent, $modified, $completed, $num, $json, $fingerprint, $details)
            ON CONFLICT (workspace_gid, gid) DO UPDATE SET name = excluded.name, notes = excluded.notes, assignee_gid = excluded.assignee_gid,
                followers_json = excluded.followers_json, memberships_json = excluded.memberships_json, parent_gid = excluded.parent_gid,
                modified_at = excluded.modified_at, completed = excluded.completed, num_subtasks = excluded.num_subtasks, model_json = excluded.model_json,
                fingerprint = excluded.fingerprint, details_json = excluded.details_json
            RETURNING id;
            """);
        var ftsDelete = Prepared("fts_del", "DELETE FROM task_search WHERE rowid = $id;");
        var ftsInsert = Prepared("fts_add", "INSERT INTO task_search (rowid, name, notes) VALUES ($id, $name, $notes);");
        var clearTokens = Prepared("ticket_tokens_del", "DELETE FROM ticket_tokens WHERE workspace_gid = $ws AND ticket_gid = $gid;");
        // All of a ticket's tokens in one statement: a ticket holds a score of them, and per-statement overhead was most
        // of the write's CPU.
        var addTokens = Prepared("ticket_tokens_add_all", "INSERT OR IGNORE INTO ticket_tokens (workspace_gid, token, ticket_gid) SELECT $ws, value, $gid FROM json_each($tokens);");
        foreach (var entry in tickets)
        {
            var task = entry.Source;
            _touchedTickets.Add(task.Gid);
            Set(upsert, "$gid", task.Gid);
            Set(upsert, "$name", task.Name);
            Set(upsert, "$notes", task.Notes);
            Set(upsert, "$assignee", task.AssigneeGid);
            Set(upsert, "$followers", SqliteJson.EncodeStrings(task.FollowerGids));
            Set(upsert, "$memberships", SqliteJson.EncodePlacements(task.Memberships));
            Set(upsert, "$parent", task.ParentGid);
            Set(upsert, "$modified", task.ModifiedAt?.ToString("O", CultureInfo.InvariantCulture));
            Set(upsert, "$completed", task.Completed ? 1 : 0);
            Set(upsert, "$num", entry.NumSubtasks);
            Set(upsert, "$json", MergeJson.ToJson(entry.Model, MergeJson.WriteTicket));
            Set(upsert, "$fingerprint", entry.Fingerprint);
            Set(upsert, "$details", Storage.Codecs.TaskDetailsJson.Encode(task.Details));
            var id = Convert.ToInt64(await upsert.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            // After a clear (a full sync) a ticket written the first time has no index entry and no tokens yet.
            var fresh = _cleared && _writtenSinceClear.Add(task.Gid);
            if (!fresh)
            {
                Set(ftsDelete, "$id", id);
                await ftsDelete.ExecuteNonQueryAsync(cancellationToken);
            }

            Set(ftsInsert, "$id", id);
            Set(ftsInsert, "$name", task.Name);
            Set(ftsInsert, "$notes", task.Notes ?? string.Empty);
            await ftsInsert.ExecuteNonQueryAsync(cancellationToken);
            if (!fresh)
            {
                Set(clearTokens, "$gid", task.Gid);
                await clearTokens.ExecuteNonQueryAsync(cancellationToken);
            }

            if (entry.PrincipalTokens.Count > 0)
            {
                Set(addTokens, "$gid", task.Gid);
                Set(addTokens, "$tokens", SqliteJson.EncodeStrings(entry.PrincipalTokens));
                await addTokens.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task DeleteTicketsAsync(IReadOnlyList<string> ticketGids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticketGids);
        _touchedTickets.UnionWith(ticketGids);
        await DeleteByGidAsync(
            ticketGids,
            [
                "DELETE FROM task_search WHERE rowid = (SELECT id FROM tasks WHERE workspace_gid = $ws AND gid = $gid);",
                "DELETE FROM tasks WHERE workspace_gid = $ws AND gid = $gid;",
                "DELETE FROM ticket_tokens WHERE workspace_gid = $ws AND ticket_gid = $gid;",
            ],
            cancellationToken);
    }

    public async Task WriteSyncStateAsync(SyncState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ThrowIfDone();
        var update = Prepared("state", "UPDATE workspaces SET last_sync_at = $last, last_full_sync_at = $full, lookback_days = $lookback, last_projectless_scan_at = $scan, task_search_available = $search WHERE gid = $ws;");
        Set(update, "$last", state.LastSyncAt?.ToString("O", CultureInfo.InvariantCulture));
        Set(update, "$full", state.LastFullSyncAt?.ToString("O", CultureInfo.InvariantCulture));
        Set(update, "$lookback", state.LookbackDays);
        Set(update, "$scan", state.LastProjectlessScanAt?.ToString("O", CultureInfo.InvariantCulture));
        Set(update, "$search", state.TaskSearchAvailable is { } available ? (available ? 1 : 0) : null);
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new InvalidOperationException("WriteWorkspaceAsync must be called before WriteSyncStateAsync.");
        }

        await SqlitePermissionStore.ExecuteAsync(_connection, _transaction, "DELETE FROM project_sync_tokens WHERE workspace_gid = $ws;", WorkspaceGid, cancellationToken);
        var add = Prepared("token_add", "INSERT OR REPLACE INTO project_sync_tokens (workspace_gid, project_gid, sync_token) VALUES ($ws, $gid, $token);");
        foreach (var (project, token) in state.ProjectSyncTokens)
        {
            Set(add, "$gid", project);
            Set(add, "$token", token);
            await add.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDone();
        cancellationToken.ThrowIfCancellationRequested();
        await SqlitePermissionStore.ExecuteAsync(_connection, _transaction, "INSERT OR IGNORE INTO workspace_generations (workspace_gid, generation, purged) VALUES ($ws, 0, 0);", WorkspaceGid, cancellationToken);
        await SqlitePermissionStore.ExecuteAsync(
            _connection,
            _transaction,
            _purging
                ? "UPDATE workspace_generations SET generation = generation + 1, change_seq = change_seq + 1, purged = 1 WHERE workspace_gid = $ws;"
                : "UPDATE workspace_generations SET generation = generation + 1, change_seq = change_seq + 1, purged = 0 WHERE workspace_gid = $ws;",
            WorkspaceGid,
            cancellationToken);
        await SqliteChangeLog.RecordAsync(_connection, _transaction, WorkspaceGid, _cleared, _touchedTickets, _touchedCollections, cancellationToken);
        await _transaction.CommitAsync(CancellationToken.None);
        _committed = true;
        _onCommitted(WorkspaceGid);
    }

    /// <summary>
    /// Throws when another commit or a purge came after the generation this sync started from. Run once, when the writer
    /// opens: its transaction holds the write lock from then on, so nothing can change before the commit.
    /// </summary>
    internal async Task ThrowIfSupersededAsync(CancellationToken cancellationToken)
    {
        if (_expectedGeneration is not { } expected)
        {
            return;
        }

        var (current, purged) = await SqlitePermissionStore.ReadGenerationAsync(_connection, _transaction, WorkspaceGid, cancellationToken);
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
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        if (!_committed)
        {
            try
            {
                await _transaction.RollbackAsync(CancellationToken.None);
            }
            catch (SqliteException)
            {
                // The connection already rolled back (e.g. it failed mid-statement).
            }
            catch (InvalidOperationException)
            {
                // Already completed.
            }
        }

        await _transaction.DisposeAsync();
        try
        {
            // Lowering the size frees the pages above it, so the pooled connection does not keep the writer's cache.
            await SqlitePermissionStore.ExecuteAsync(_connection, null, $"PRAGMA cache_size = {SqlitePermissionStore.DefaultCacheSize};", null, CancellationToken.None);
        }
        catch (SqliteException)
        {
            // A broken connection: disposing it drops its cache anyway.
        }
        catch (InvalidOperationException)
        {
            // Closed already.
        }

        await _connection.DisposeAsync();
    }

    /// <summary>Replaces the user and team members of one project or portfolio.</summary>
    private static async Task ReplaceMembersAsync(SqliteCommand clear, SqliteCommand add, string gid, IEnumerable<(string Gid, MemberKind Kind)> members, CancellationToken cancellationToken)
    {
        Set(clear, "$gid", gid);
        await clear.ExecuteNonQueryAsync(cancellationToken);
        Set(add, "$gid", gid);
        foreach (var (member, kind) in members)
        {
            Set(add, "$member", member);
            Set(add, "$kind", SqlitePermissionStore.MemberKindText(kind));
            await add.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task DeleteByGidAsync(IReadOnlyList<string> gids, string[] statements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gids);
        ThrowIfDone();
        var commands = statements.Select(sql => Prepared(sql, sql)).ToArray();
        foreach (var gid in gids)
        {
            foreach (var command in commands)
            {
                Set(command, "$gid", gid);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private SqliteCommand Prepared(string key, string sql)
    {
        if (!_commands.TryGetValue(key, out var command))
        {
            command = SqlitePermissionStore.Command(_connection, _transaction, sql, WorkspaceGid);
            foreach (var name in ParameterNames(sql))
            {
                if (!command.Parameters.Contains(name))
                {
                    command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
                }
            }

            _commands[key] = command;
        }

        return command;
    }

    private static IEnumerable<string> ParameterNames(string sql)
    {
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] != '$')
            {
                continue;
            }

            var end = i + 1;
            while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
            {
                end++;
            }

            yield return sql[i..end];
            i = end;
        }
    }

    private static void Set(SqliteCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

    private void ThrowIfDone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            throw new InvalidOperationException("This unit of work is already committed.");
        }
    }
}
