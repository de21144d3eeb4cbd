using Asana.Permissions;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;
using Npgsql;

namespace Asana.Sync.PostgreSql;

/// <summary>Reads back what the last committed sync of a workspace wrote (<see cref="IPermissionStore.LoadAsync"/>).</summary>
internal static class PostgreSqlLoader
{
    public static async Task<StoredWorkspace?> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string ws, CancellationToken cancellationToken)
    {
        WorkspaceRecord? workspace = null;
        DateTimeOffset? lastSync = null, lastFull = null, lastScan = null;
        int? lookback = null;
        bool? searchAvailable = null;
        await using (var command = Command("SELECT name, is_organization, last_sync_at, last_full_sync_at, lookback_days, last_projectless_scan_at, task_search_available FROM workspaces WHERE gid = $1;"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                workspace = new WorkspaceRecord(ws, reader.GetString(0), reader.GetBoolean(1));
                lastSync = Timestamp(reader, 2);
                lastFull = Timestamp(reader, 3);
                lookback = reader.IsDBNull(4) ? null : reader.GetInt32(4);
                lastScan = Timestamp(reader, 5);
                searchAvailable = reader.IsDBNull(6) ? null : reader.GetBoolean(6);
            }
        }

        if (workspace is null)
        {
            return null;
        }

        var users = new List<UserRecord>();
        var memberships = new List<WorkspaceMembershipRecord>();
        var userFingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command("SELECT gid, name, email, is_active, is_admin, is_guest, fingerprint FROM users WHERE workspace_gid = $1 ORDER BY gid COLLATE \"C\";"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var gid = reader.GetString(0);
                users.Add(new UserRecord(gid, reader.GetString(1), Text(reader, 2)));
                memberships.Add(new WorkspaceMembershipRecord(gid, reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5)));
                AddFingerprint(userFingerprints, gid, reader, 6);
            }
        }

        var teams = new List<TeamRecord>();
        var teamFingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command("SELECT gid, name, fingerprint, description FROM teams WHERE workspace_gid = $1 ORDER BY gid COLLATE \"C\";"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                teams.Add(new TeamRecord(reader.GetString(0), reader.GetString(1), Text(reader, 3)));
                AddFingerprint(teamFingerprints, reader.GetString(0), reader, 2);
            }
        }

        var teamMemberships = new List<TeamMembershipRecord>();
        await using (var command = Command("SELECT team_gid, user_gid, is_guest, is_limited_access FROM team_memberships WHERE workspace_gid = $1 ORDER BY team_gid COLLATE \"C\", user_gid COLLATE \"C\";"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                teamMemberships.Add(new TeamMembershipRecord(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3)));
            }
        }

        var projects = new List<ProjectRecord>();
        await using (var command = Command("SELECT gid, name, privacy_setting, team_gid, archived, notes FROM projects WHERE workspace_gid = $1 ORDER BY gid COLLATE \"C\";"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                projects.Add(new ProjectRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), reader.GetBoolean(4), Text(reader, 5)));
            }
        }

        var projectMemberships = new List<ProjectMembershipRecord>();
        await using (var command = Command("SELECT project_gid, member_gid, member_kind FROM project_memberships WHERE workspace_gid = $1 ORDER BY project_gid COLLATE \"C\", member_kind, member_gid COLLATE \"C\";"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                projectMemberships.Add(new ProjectMembershipRecord(reader.GetString(0), reader.GetString(1), PostgreSqlPermissionStoreWriter.ParseMemberKind(reader.GetString(2))));
            }
        }

        var sections = new List<SectionRecord>();
        await using (var command = Command("SELECT gid, name, project_gid FROM sections WHERE workspace_gid = $1 ORDER BY gid COLLATE \"C\";"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                sections.Add(new SectionRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var collectionFingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command("SELECT gid, fingerprint FROM collections WHERE workspace_gid = $1;"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                AddFingerprint(collectionFingerprints, reader.GetString(0), reader, 1);
            }
        }

        var tasks = new List<TaskRecord>();
        var subtaskCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var ticketFingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command("SELECT gid, name, notes, assignee_gid, follower_gids, memberships_json::text, parent_gid, modified_at, completed, num_subtasks, fingerprint, details_json FROM tasks WHERE workspace_gid = $1 ORDER BY gid COLLATE \"C\";"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var gid = reader.GetString(0);
                tasks.Add(new TaskRecord(
                    gid,
                    reader.GetString(1),
                    Text(reader, 3),
                    reader.GetFieldValue<string[]>(4),
                    PostgreSqlJson.DecodePlacements(reader.GetString(5)),
                    Text(reader, 6),
                    Timestamp(reader, 7),
                    Text(reader, 2),
                    reader.GetBoolean(8),
                    Storage.Codecs.TaskDetailsJson.Decode(Text(reader, 11))));
                subtaskCounts[gid] = reader.GetInt32(9);
                AddFingerprint(ticketFingerprints, gid, reader, 10);
            }
        }

        var portfolios = new List<PortfolioRecord>();
        var portfolioFingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command("SELECT gid, name, fingerprint FROM portfolios WHERE workspace_gid = $1 ORDER BY gid COLLATE \"C\";"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                portfolios.Add(new PortfolioRecord(reader.GetString(0), reader.GetString(1)));
                AddFingerprint(portfolioFingerprints, reader.GetString(0), reader, 2);
            }
        }

        var portfolioMemberships = new List<PortfolioMembershipRecord>();
        await using (var command = Command("SELECT portfolio_gid, member_gid, member_kind FROM portfolio_memberships WHERE workspace_gid = $1 ORDER BY portfolio_gid COLLATE \"C\", member_kind, member_gid COLLATE \"C\";"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                portfolioMemberships.Add(new PortfolioMembershipRecord(reader.GetString(0), reader.GetString(1), PostgreSqlPermissionStoreWriter.ParseMemberKind(reader.GetString(2))));
            }
        }

        var portfolioSettings = new List<ProjectPortfolioSettingRecord>();
        await using (var command = Command("SELECT portfolio_gid, project_gid, is_access_control_inherited FROM project_portfolio_settings WHERE workspace_gid = $1 ORDER BY portfolio_gid COLLATE \"C\", project_gid COLLATE \"C\";"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                portfolioSettings.Add(new ProjectPortfolioSettingRecord(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
            }
        }

        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command("SELECT project_gid, sync_token FROM project_sync_tokens WHERE workspace_gid = $1;"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tokens[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var data = new WorkspaceData(workspace, users, memberships, teams, teamMemberships, projects, projectMemberships, sections, tasks)
        {
            Portfolios = portfolios,
            PortfolioMemberships = portfolioMemberships,
            ProjectPortfolioSettings = portfolioSettings,
        };
        var (generation, _) = await PostgreSqlPermissionStore.ReadGenerationAsync(connection, transaction, ws, cancellationToken);
        return new StoredWorkspace(data, subtaskCounts, new SyncState(lastSync, lastFull, tokens) { LookbackDays = lookback, LastProjectlessScanAt = lastScan, TaskSearchAvailable = searchAvailable })
        {
            Generation = generation,
            Fingerprints = new RowFingerprints(userFingerprints, teamFingerprints, collectionFingerprints, ticketFingerprints, portfolioFingerprints),
        };

        NpgsqlCommand Command(string sql) => PostgreSqlPermissionStore.Command(connection, transaction, sql, ws);
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Timestamp(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>Keeps a row's fingerprint; a row written without one is left out, so the next sync rewrites it.</summary>
    private static void AddFingerprint(Dictionary<string, string> fingerprints, string gid, NpgsqlDataReader reader, int ordinal)
    {
        if (!reader.IsDBNull(ordinal))
        {
            fingerprints[gid] = reader.GetString(ordinal);
        }
    }
}
