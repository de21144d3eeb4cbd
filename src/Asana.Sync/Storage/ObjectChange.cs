using System.Text;
using Asana.Shared;

namespace Asana.Sync.Storage;

/// <summary>
/// One object of the change feed as it is now: upserted (with its model and tokens) or deleted (drop it from the index).
/// </summary>
/// <param name="Kind">A ticket or a collection.</param>
/// <param name="Gid">The object's gid (the Merge <c>remote_id</c>).</param>
/// <param name="Deleted">The object is gone (deleted in Asana, no longer visible to the sync, or the workspace purged).</param>
/// <param name="ModelJson">
/// The Merge ticket or collection as JSON text (with its permission objects), exactly as the store keeps it; null when
/// deleted. A host parses it with any JSON library.
/// </param>
/// <param name="PrincipalTokens">
/// For a ticket, the principal tokens that may see it (ordinal order; empty means nobody: fail closed); index them and
/// filter searches by the searching user's tokens. Empty for a collection (its permissions are in its model) and when
/// deleted.
/// </param>
public sealed record ObjectChange(ChangeKind Kind, string Gid, bool Deleted, string? ModelJson, IReadOnlyList<string> PrincipalTokens)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind)
            .Append(", Gid = ").Append(Gid)
            .Append(", Deleted = ").Append(Deleted)
            .Append(", ModelJson = ").Append(ModelJson is null ? "null" : $"({ModelJson.Length} chars)")
            .Append(", PrincipalTokens = ").AppendList(PrincipalTokens);
        return true;
    }
}
