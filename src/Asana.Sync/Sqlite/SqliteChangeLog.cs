using Asana.Sync.Storage;
using Microsoft.Data.Sqlite;

namespace Asana.Sync.Sqlite;

/// <summary>
/// Records a commit in the change feed's log, inside the commit's transaction (which holds the write lock, so sequence
/// numbers commit in order). A row gets the commit's sequence number when it is new, came back, or its fingerprint
/// changed (a row without a fingerprint always counts as changed); a logged row that is gone becomes a tombstone.
/// </summary>
internal static class SqliteChangeLog
{
    /// <summary>
    /// Logs the tickets and collections the commit wrote or removed; <c>cleared</c>: the workspace was cleared (full
    /// sync or purge), so every row is compared, not only the touched ones.
    /// </summary>
    public static async Task RecordAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string workspaceGid,
        bool cleared,
        IReadOnlyCollection<string> touchedTickets,
        IReadOnlyCollection<string> touchedCollections,
        CancellationToken cancellationToken)
    {
        long sequence;
        await using (var read = SqlitePermissionStore.Command(connection, transaction, "SELECT change_seq FROM workspace_generations WHERE workspace_gid = $ws;", workspaceGid))
        {
            sequence = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        await RecordKindAsync(connection, transaction, workspaceGid, sequence, ChangeCursor.TicketKind, "tasks", cleared ? null : touchedTickets, cancellationToken);
        await RecordKindAsync(connection, transaction, workspaceGid, sequence, ChangeCursor.CollectionKind, "collections", cleared ? null : touchedCollections, cancellationToken);
    }

    /// <summary>
    /// Logs one kind: <c>table</c> holds its current rows (a constant of this class, never input); <c>touched</c> are
    /// the gids to compare, null for every row.
    /// </summary>
    private static async Task RecordKindAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string workspaceGid,
        long sequence,
        string kind,
        string table,
        IReadOnlyCollection<string>? touched,
        CancellationToken cancellationToken)
    {
        if (touched is { Count: 0 })
        {
            return;
        }

        var onlyTouched = touched is null ? string.Empty : "AND gid IN (SELECT value FROM json_each($gids))";
        var sql = $"""
            INSERT INTO change_log (workspace_gid, kind, gid, seq, deleted, fingerprint)
            SELECT workspace_gid, $kind, gid, $seq, 0, fingerprint FROM {table} WHERE workspace_gid = $ws {onlyTouched}
            ON CONFLICT (workspace_gid, kind, gid) DO UPDATE SET seq = excluded.seq, deleted = 0, fingerprint = excluded.fingerprint
            WHERE change_log.deleted = 1 OR excluded.fingerprint IS NULL OR change_log.fingerprint IS NOT excluded.fingerprint;
            UPDATE change_log SET seq = $seq, deleted = 1, fingerprint = NULL
            WHERE workspace_gid = $ws AND kind = $kind AND deleted = 0 {onlyTouched}
                AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.workspace_gid = $ws AND r.gid = change_log.gid);
            """;
        await using var command = SqlitePermissionStore.Command(connection, transaction, sql, workspaceGid);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$seq", sequence);
        if (touched is not null)
        {
            command.Parameters.AddWithValue("$gids", SqliteJson.EncodeStrings([.. touched]));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
