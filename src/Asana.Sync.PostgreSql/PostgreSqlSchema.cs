namespace Asana.Sync.PostgreSql;

/// <summary>
/// The versioned migrations of <see cref="PostgreSqlPermissionStore"/>, recorded in <c>schema_migrations</c>. Append
/// only: never edit a shipped one. The tables live in the connection's schema (its <c>Search Path</c>, <c>public</c> by
/// default); every row names its workspace.
/// </summary>
internal static class PostgreSqlSchema
{
    internal sealed record Migration(int Version, string Name, string Sql);

    internal static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "initial", """
            CREATE TABLE workspaces (
                gid text NOT NULL PRIMARY KEY,
                name text NOT NULL,
                is_organization boolean NOT NULL,
                roles_json jsonb NOT NULL,
                last_sync_at timestamptz NULL,
                last_full_sync_at timestamptz NULL,
                lookback_days integer NULL,
                last_projectless_scan_at timestamptz NULL,
                task_search_available boolean NULL
            );
            -- Generations outlive a purge (they must never repeat): a purge never deletes from this table.
            CREATE TABLE workspace_generations (
                workspace_gid text NOT NULL PRIMARY KEY,
                generation bigint NOT NULL,
                purged boolean NOT NULL DEFAULT false
            );
            CREATE TABLE sync_leases (
                workspace_gid text NOT NULL PRIMARY KEY,
                lease_id text NOT NULL,
                owner text NOT NULL,
                acquired_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL
            );
            CREATE TABLE users (
                workspace_gid text NOT NULL,
                gid text NOT NULL,
                name text NOT NULL,
                email text NULL,
                is_active boolean NOT NULL,
                is_admin boolean NOT NULL,
                is_guest boolean NOT NULL,
                model_json jsonb NOT NULL,
                fingerprint text NULL,
                PRIMARY KEY (workspace_gid, gid)
            );
            CREATE INDEX ix_users_email ON users (workspace_gid, upper(email));
            CREATE TABLE user_tokens (
                workspace_gid text NOT NULL,
                user_gid text NOT NULL,
                token text NOT NULL,
                PRIMARY KEY (workspace_gid, user_gid, token)
            );
            CREATE TABLE teams (
                workspace_gid text NOT NULL,
                gid text NOT NULL,
                name text NOT NULL,
                model_json jsonb NOT NULL,
                fingerprint text NULL,
                PRIMARY KEY (workspace_gid, gid)
            );
            CREATE TABLE team_memberships (
                workspace_gid text NOT NULL,
                team_gid text NOT NULL,
                user_gid text NOT NULL,
                is_guest boolean NOT NULL,
                is_limited_access boolean NOT NULL,
                PRIMARY KEY (workspace_gid, team_gid, user_gid)
            );
            CREATE TABLE projects (
                workspace_gid text NOT NULL,
                gid text NOT NULL,
                name text NOT NULL,
                privacy_setting text NOT NULL,
                team_gid text NULL,
                archived boolean NOT NULL,
                PRIMARY KEY (workspace_gid, gid)
            );
            CREATE TABLE project_memberships (
                workspace_gid text NOT NULL,
                project_gid text NOT NULL,
                member_gid text NOT NULL,
                member_kind text NOT NULL,
                PRIMARY KEY (workspace_gid, project_gid, member_kind, member_gid)
            );
            CREATE TABLE sections (
                workspace_gid text NOT NULL,
                gid text NOT NULL,
                name text NOT NULL,
                project_gid text NOT NULL,
                PRIMARY KEY (workspace_gid, gid)
            );
            CREATE TABLE collections (
                workspace_gid text NOT NULL,
                gid text NOT NULL,
                kind text NOT NULL,
                model_json jsonb NOT NULL,
                fingerprint text NULL,
                PRIMARY KEY (workspace_gid, gid)
            );
            CREATE TABLE project_sync_tokens (
                workspace_gid text NOT NULL,
                project_gid text NOT NULL,
                sync_token text NOT NULL,
                PRIMARY KEY (workspace_gid, project_gid)
            );
            CREATE TABLE portfolios (
                workspace_gid text NOT NULL,
                gid text NOT NULL,
                name text NOT NULL,
                fingerprint text NULL,
                PRIMARY KEY (workspace_gid, gid)
            );
            CREATE TABLE portfolio_memberships (
                workspace_gid text NOT NULL,
                portfolio_gid text NOT NULL,
                member_gid text NOT NULL,
                member_kind text NOT NULL,
                PRIMARY KEY (workspace_gid, portfolio_gid, member_kind, member_gid)
            );
            CREATE TABLE project_portfolio_settings (
                workspace_gid text NOT NULL,
                portfolio_gid text NOT NULL,
                project_gid text NOT NULL,
                is_access_control_inherited boolean NOT NULL,
                PRIMARY KEY (workspace_gid, portfolio_gid, project_gid)
            );
            CREATE TABLE tasks (
                workspace_gid text NOT NULL,
                gid text NOT NULL,
                name text NOT NULL,
                notes text NULL,
                assignee_gid text NULL,
                follower_gids text[] NOT NULL,
                memberships_json jsonb NOT NULL,
                parent_gid text NULL,
                modified_at timestamptz NULL,
                completed boolean NOT NULL,
                num_subtasks integer NOT NULL,
                model_json jsonb NOT NULL,
                fingerprint text NULL,
                -- Full-text search over name and notes ('simple': no stemming, so any language matches word for word).
                search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name || ' ' || coalesce(notes, ''))) STORED,
                PRIMARY KEY (workspace_gid, gid)
            );
            CREATE INDEX ix_tasks_search ON tasks USING gin (search);
            -- Who may see each ticket: trimming (visibility and search) is a join on (workspace, token).
            CREATE TABLE ticket_tokens (
                workspace_gid text NOT NULL,
                token text NOT NULL,
                ticket_gid text NOT NULL,
                PRIMARY KEY (workspace_gid, token, ticket_gid)
            );
            CREATE INDEX ix_ticket_tokens_ticket ON ticket_tokens (workspace_gid, ticket_gid);
            """),
        // The change feed: per workspace, the latest commit (sequence number) that touched each ticket and collection,
        // and whether that commit removed it. It outlives a purge, like the counter on workspace_generations, which a
        // commit moves under the workspace's advisory lock (so sequence numbers commit in order). Rows stored before are
        // backfilled at sequence 1, so a host reading from the start gets everything.
        new(2, "change_feed", """
            ALTER TABLE workspace_generations ADD COLUMN change_seq bigint NOT NULL DEFAULT 0;
            CREATE TABLE change_log (
                workspace_gid text NOT NULL,
                kind text NOT NULL,
                gid text NOT NULL,
                seq bigint NOT NULL,
                deleted boolean NOT NULL,
                fingerprint text NULL,
                PRIMARY KEY (workspace_gid, kind, gid)
            );
            CREATE INDEX ix_change_log_seq ON change_log (workspace_gid, seq, kind, gid);
            INSERT INTO change_log (workspace_gid, kind, gid, seq, deleted, fingerprint) SELECT workspace_gid, 'ticket', gid, 1, false, fingerprint FROM tasks;
            INSERT INTO change_log (workspace_gid, kind, gid, seq, deleted, fingerprint) SELECT workspace_gid, 'collection', gid, 1, false, fingerprint FROM collections;
            INSERT INTO workspace_generations (workspace_gid, generation, purged) SELECT DISTINCT workspace_gid, 0, false FROM change_log ON CONFLICT DO NOTHING;
            UPDATE workspace_generations SET change_seq = 1 WHERE workspace_gid IN (SELECT workspace_gid FROM change_log);
            """),
        // The whole Merge ticketing model: a task's content beyond permissions (dates, creator, link, tags) as one JSON
        // text, project notes and team descriptions. Rows written before have none: the last full sync is forgotten, so
        // the next automatic sync is a full one that reads them (fingerprints moved to v2 too, so every row is rewritten).
        new(3, "ticket_content", """
            ALTER TABLE tasks ADD COLUMN details_json text NULL;
            ALTER TABLE projects ADD COLUMN notes text NULL;
            ALTER TABLE teams ADD COLUMN description text NULL;
            UPDATE workspaces SET last_full_sync_at = NULL;
            """),
    ];
}
