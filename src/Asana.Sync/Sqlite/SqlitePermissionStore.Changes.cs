using System.Globalization;
using Asana.Sync.Storage;

namespace Asana.Sync.Sqlite;

public sealed partial class SqlitePermissionStore : IPermissionChangeFeed
{
    private const char TokenSeparator = '\u001f';

    /// <inheritdoc />
    public async Task<ChangePage> GetChangesAsync(string workspaceGid, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ChangeCursor.ValidateLimit(limit);
        var position = ChangeCursor.Decode(workspaceGid, cursor);
        await using var connection = await OpenAsync(cancellationToken);
        // One read transaction: the log, the models and the tokens of one snapshot even while a sync commits.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using (var last = Command(connection, transaction, "SELECT change_seq FROM workspace_generations WHERE workspace_gid = $ws;", workspaceGid))
        {
            position.ThrowIfAhead(await last.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0);
        }

        // An index range scan of ix_change_log_seq from the cursor on; each row's model and tokens are primary key and
        // index lookups. One row more than asked tells whether more follow.
        await using var command = Command(connection, transaction, """
            SELECT l.seq, l.kind, l.gid, l.deleted,
                CASE l.kind WHEN 'ticket' THEN (SELECT t.model_json FROM tasks t WHERE t.workspace_gid = l.workspace_gid AND t.gid = l.gid)
                    ELSE (SELECT c.model_json FROM collections c WHERE c.workspace_gid = l.workspace_gid AND c.gid = l.gid) END,
                CASE l.kind WHEN 'ticket' THEN (SELECT group_concat(tt.token, char(31)) FROM ticket_tokens tt WHERE tt.workspace_gid = l.workspace_gid AND tt.ticket_gid = l.gid) END
            FROM change_log l
            WHERE l.workspace_gid = $ws AND (l.seq, l.kind, l.gid) > ($seq, $kind, $gid)
            ORDER BY l.seq, l.kind, l.gid
            LIMIT $limit;
            """, workspaceGid);
        command.Parameters.AddWithValue("$seq", position.Sequence);
        command.Parameters.AddWithValue("$kind", position.Kind);
        command.Parameters.AddWithValue("$gid", position.Gid);
        command.Parameters.AddWithValue("$limit", limit + 1);
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
                var deleted = reader.GetInt64(3) != 0 || model is null;
                changes.Add(new ObjectChange(
                    ChangeCursor.ParseKind(kind),
                    gid,
                    deleted,
                    deleted ? null : model,
                    deleted || reader.IsDBNull(5) ? [] : SortedTokens(reader.GetString(5))));
                next = new ChangeCursor(workspaceGid, reader.GetInt64(0), kind, gid);
            }
        }

        return new ChangePage(changes, next.Encode(), hasMore);
    }

    private static string[] SortedTokens(string joined)
    {
        var tokens = joined.Split(TokenSeparator);
        Array.Sort(tokens, StringComparer.Ordinal);
        return tokens;
    }
}
