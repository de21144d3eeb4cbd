namespace Asana.Sync.Sqlite;

/// <summary>The versioned migrations of <see cref="SqlitePermissionStore"/>. Append only: never edit a shipped one.</summary>
internal static class SqliteSchema
{
    internal sealed record Migration(int Version, string Name, string Sql);

    internal static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "initial", """
            CREATE TABLE workspaces (
                gid TEXT NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                is_organization INTEGER NOT NULL,
                roles_json TEXT NOT NULL,
                generation INTEGER NOT NULL DEFAULT 0,
                last_sync_at TEXT NULL,
                last_full_sync_at TEXT NULL,
                lookback_days INTEGER NULL
            );
            CREATE TABLE users (
                workspace_gid TEXT NOT NULL,
                gid TEXT NOT NULL,
                name TEXT NOT NULL,
                email TEXT NULL,
                email_key TEXT NULL,
                is_active INTEGER NOT NULL,
                is_admin INTEGER NOT NULL,
                is_guest INTEGER NOT NULL,
                model_json TEXT NOT NULL,
                PRIMARY KEY (workspace_gid, gid)
            ) WITHOUT ROWID;
            CREATE INDEX ix_users_email ON users (workspace_gid, email_key);
            CREATE TABLE user_tokens (
                workspace_gid TEXT NOT NULL,
                user_gid TEXT NOT NULL,
                token TEXT NOT NULL,
                PRIMARY KEY (workspace_gid, user_gid, token)
            ) WITHOUT ROWID;
            CREATE TABLE teams (
                workspace_gid TEXT NOT NULL,
                gid TEXT NOT NULL,
                name TEXT NOT NULL,
                model_json TEXT NOT NULL,
                PRIMARY KEY (workspace_gid, gid)
            ) WITHOUT ROWID;
            CREATE TABLE team_memberships (
                workspace_gid TEXT NOT NULL,
                team_gid TEXT NOT NULL,
                user_gid TEXT NOT NULL,
                is_guest INTEGER NOT NULL,
                PRIMARY KEY (workspace_gid, team_gid, user_gid)
            ) WITHOUT ROWID;
            CREATE TABLE projects (
                workspace_gid TEXT NOT NULL,
                gid TEXT NOT NULL,
                name TEXT NOT NULL,
                privacy_setting TEXT NOT NULL,
                team_gid TEXT NULL,
                archived INTEGER NOT NULL,
                PRIMARY KEY (workspace_gid, gid)
            ) WITHOUT ROWID;
            CREATE TABLE project_memberships (
                workspace_gid TEXT NOT NULL,
                project_gid TEXT NOT NULL,
                member_gid TEXT NOT NULL,
                member_kind TEXT NOT NULL,
                PRIMARY KEY (workspace_gid, project_gid, member_kind, member_gid)
            ) WITHOUT ROWID;
            CREATE TABLE sections (
                workspace_gid TEXT NOT NULL,
                gid TEXT NOT NULL,
                name TEXT NOT NULL,
                project_gid TEXT NOT NULL,
                PRIMARY KEY (workspace_gid, gid)
            ) WITHOUT ROWID;
            CREATE TABLE collections (
                workspace_gid TEXT NOT NULL,
                gid TEXT NOT NULL,
                kind TEXT NOT NULL,
                model_json TEXT NOT NULL,
                PRIMARY KEY (workspace_gid, gid)
            ) WITHOUT ROWID;
            CREATE TABLE project_sync_tokens (
                workspace_gid TEXT NOT NULL,
                project_gid TEXT NOT NULL,
                sync_token TEXT NOT NULL,
                PRIMARY KEY (workspace_gid, project_gid)
            ) WITHOUT ROWID;
            CREATE TABLE tasks (
                id INTEGER PRIMARY KEY,
                workspace_gid TEXT NOT NULL,
                gid TEXT NOT NULL,
                name TEXT NOT NULL,
                notes TEXT NULL,
                assignee_gid TEXT NULL,
                followers_json TEXT NOT NULL,
                memberships_json TEXT NOT NULL,
                parent_gid TEXT NULL,
                modified_at TEXT NULL,
                completed INTEGER NOT NULL,
                num_subtasks INTEGER NOT NULL,
                model_json TEXT NOT NULL,
                UNIQUE (workspace_gid, gid)
            );
            CREATE TABLE ticket_tokens (
                workspace_gid TEXT NOT NULL,
                token TEXT NOT NULL,
                ticket_gid TEXT NOT NULL,
                PRIMARY KEY (workspace_gid, token, ticket_gid)
            ) WITHOUT ROWID;
            CREATE INDEX ix_ticket_tokens_ticket ON ticket_tokens (workspace_gid, ticket_gid);
            CREATE VIRTUAL TABLE task_search USING fts5 (name, notes, tokenize = 'unicode61 remove_diacritics 2');
            """),
        new(2, "projectless_scan", "ALTER TABLE workspaces ADD COLUMN last_projectless_scan_at TEXT NULL;"),
        new(3, "task_search_available", "ALTER TABLE workspaces ADD COLUMN task_search_available INTEGER NULL;"),
        new(4, "limited_access_and_portfolios", """
            ALTER TABLE team_memberships ADD COLUMN is_limited_access INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE portfolios (
                workspace_gid TEXT NOT NULL,
                gid TEXT NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (workspace_gid, gid)
            ) WITHOUT ROWID;
            CREATE TABLE portfolio_memberships (
                workspace_gid TEXT NOT NULL,
                portfolio_gid TEXT NOT NULL,
                member_gid TEXT NOT NULL,
                member_kind TEXT NOT NULL,
                PRIMARY KEY (workspace_gid, portfolio_gid, member_kind, member_gid)
            ) WITHOUT ROWID;
            CREATE TABLE project_portfolio_settings (
                workspace_gid TEXT NOT NULL,
                portfolio_gid TEXT NOT NULL,
                project_gid TEXT NOT NULL,
                is_access_control_inherited INTEGER NOT NULL,
                PRIMARY KEY (workspace_gid, portfolio_gid, project_gid)
            ) WITHOUT ROWID;
            """),
        // Generations outlive a purge (they must never repeat), so they leave the workspaces table.
        new(5, "generations_and_leases", """
            CREATE TABLE workspace_generations (
                workspace_gid TEXT NOT NULL PRIMARY KEY,
                generation INTEGER NOT NULL,
                purged INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            INSERT INTO workspace_generations (workspace_gid, generation, purged) SELECT gid, generation, 0 FROM workspaces;
            CREATE TABLE sync_leases (
                workspace_gid TEXT NOT NULL PRIMARY KEY,
                lease_id TEXT NOT NULL,
                owner TEXT NOT NULL,
                acquired_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            ) WITHOUT ROWID;
            """),
        // A fingerprint of everything a row holds, so an incremental sync rewrites only the rows that changed. Rows
        // written before have none (NULL): the next sync rewrites them.
        new(6, "row_fingerprints", """
            ALTER TABLE users ADD COLUMN fingerprint TEXT NULL;
            ALTER TABLE teams ADD COLUMN fingerprint TEXT NULL;
            ALTER TABLE collections ADD COLUMN fingerprint TEXT NULL;
            ALTER TABLE tasks ADD COLUMN fingerprint TEXT NULL;
            ALTER TABLE portfolios ADD COLUMN fingerprint TEXT NULL;
            """),
        // The change feed: per workspace, the latest commit (sequence number) that touched each ticket and collection,
        // and whether that commit removed it. It outlives a purge, like the counter on workspace_generations. Rows stored
        // before are backfilled at sequence 1, so a host reading from the start gets everything.
        new(7, "change_feed", """
            ALTER TABLE workspace_generations ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE change_log (
                workspace_gid TEXT NOT NULL,
                kind TEXT NOT NULL,
                gid TEXT NOT NULL,
                seq INTEGER NOT NULL,
                deleted INTEGER NOT NULL,
                fingerprint TEXT NULL,
                PRIMARY KEY (workspace_gid, kind, gid)
            ) WITHOUT ROWID;
            CREATE INDEX ix_change_log_seq ON change_log (workspace_gid, seq, kind, gid);
            INSERT INTO change_log (workspace_gid, kind, gid, seq, deleted, fingerprint) SELECT workspace_gid, 'ticket', gid, 1, 0, fingerprint FROM tasks;
            INSERT INTO change_log (workspace_gid, kind, gid, seq, deleted, fingerprint) SELECT workspace_gid, 'collection', gid, 1, 0, fingerprint FROM collections;
            INSERT OR IGNORE INTO workspace_generations (workspace_gid, generation, purged) SELECT DISTINCT workspace_gid, 0, 0 FROM change_log;
            UPDATE workspace_generations SET change_seq = 1 WHERE workspace_gid IN (SELECT workspace_gid FROM change_log);
            """),
        // The whole Merge ticketing model: a task's content beyond permissions (dates, creator, link, tags) as one JSON
        // object, project notes and team descriptions. Rows written before have none: the last full sync is forgotten, so
        // the next automatic sync is a full one that reads them (fingerprints moved to v2 too, so every row is rewritten).
        new(8, "ticket_content", """
            ALTER TABLE tasks ADD COLUMN details_json TEXT NULL;
            ALTER TABLE projects ADD COLUMN notes TEXT NULL;
            ALTER TABLE teams ADD COLUMN description TEXT NULL;
            UPDATE workspaces SET last_full_sync_at = NULL;
            """),
    ];
}
