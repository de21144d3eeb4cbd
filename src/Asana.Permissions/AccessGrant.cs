using System.Text;
using Asana.Shared;

namespace Asana.Permissions;

/// <summary>One reason a user may see a task.</summary>
/// <param name="Kind">The rule that grants access.</param>
/// <param name="Description">
/// A sentence such as "member of team Marketing, which is a member of project Launch, which holds the task".
/// </param>
/// <param name="Via">The chain of principals and objects, e.g. <c>["team:123", "project:456", "task:789"]</c>.</param>
public sealed record AccessGrant(GrantKind Kind, string Description, IReadOnlyList<string> Via)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind)
            .Append(", Description = ").Append(Description)
            .Append(", Via = ").AppendList(Via);
        return true;
    }
}
