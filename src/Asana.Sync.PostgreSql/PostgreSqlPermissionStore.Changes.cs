using Asana.Sync.Storage;
using Npgsql;

namespace Asana.Sync.PostgreSql;

public sealed partial class PostgreSqlPermissionStore : IPermissionChangeFeed
{
    /// <inheritdoc />
    public async Task<ChangePage> GetChangesAsync(string workspaceGid, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ChangeCursor.ValidateLimit(limit);
        var position = ChangeCursor.Decode(workspaceGid, cursor);
        await using var connection = await OpenAsync(cancellationToken);
        // One snapshot: the log, the models and the tokens of the same commits even while a sync commits.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using (var last = Command(connection, transaction, "SELECT change_seq FROM workspace_generations WHERE workspace_gid = $1;", workspaceGid))
        {
            position.ThrowIfAhead(await last.ExecuteScalarAsync(cancellationToken) is long value ? value : 0);
        }

        // An index range scan of ix_change_log_seq from the cursor on; each row's model and tokens are primary key and
        // index lookups. One row more than asked tells whether more follow.
        await using var command = Command(
            connection,
            transaction,
            """
            SELECT l.seq, l.kind, l.gid, l.deleted,
                CASE l.kind WHEN 'ticket' THEN (SELECT t.model_json::text FROM tasks t WHERE t.workspace_gid = l.workspace_gid AND t.gid = l.gid)
                    ELSE (SELECT c.model_json::text FROM collections c WHERE c.workspace_gid = l.workspace_gid AND c.gid = l.gid) END,
                CASE l.kind WHEN 'ticket' THEN ARRAY(SELECT tt.token FROM ticket_tokens tt WHERE tt.workspace_gid = l.workspace_gid AND tt.ticket_gid = l.gid) END
            FROM change_log l
            WHERE l.workspace_gid = $1 AND (l.seq, l.kind, l.gid) > ($2, $3, $4)
            ORDER BY l.seq, l.kind, l.gid
            LIMIT $5;
            """,
            workspaceGid,
            position.Sequence,
            position.Kind,
            position.Gid,
            limit + 1);
        var changes = new List<ObjectChange>(Math.Min(limit, 1024));
        var next = position;
        var hasMore = false;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (changes.Count == limit)
                {
                    hasMore = true;
                    break;
                }

                var kind = reader.GetString(1);
                var gid = reader.GetString(2);
                var model = reader.IsDBNull(4) ? null : reader.GetString(4);
                // A live entry without its row cannot happen in one snapshot; if it did, report it gone (fail closed).
                var deleted = reader.GetBoolean(3) || model is null;
                var tokens = deleted || reader.IsDBNull(5) ? [] : reader.GetFieldValue<string[]>(5);
                Array.Sort(tokens, StringComparer.Ordinal);
                changes.Add(new ObjectChange(ChangeCursor.ParseKind(kind), gid, deleted, deleted ? null : model, tokens));
                next = new ChangeCursor(workspaceGid, reader.GetInt64(0), kind, gid);
            }
        }

        return new ChangePage(changes, next.Encode(), hasMore);
    }
}
