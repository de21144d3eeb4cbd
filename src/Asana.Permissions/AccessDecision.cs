using System.Text;
using Asana.Shared;

namespace Asana.Permissions;

/// <summary>Whether a user may see a task, and why.</summary>
/// <param name="Allowed">True when at least one grant applies.</param>
/// <param name="Because">Every grant that applies (empty when denied).</param>
/// <param name="DenialReason">Why nothing applies, when denied; null when allowed.</param>
public sealed record AccessDecision(bool Allowed, IReadOnlyList<AccessGrant> Because, string? DenialReason)
{
    // ToString() shows every grant, not the list's type name.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Allowed = ").Append(Allowed)
            .Append(", Because = ").AppendList(Because)
            .Append(", DenialReason = ").Append(DenialReason);
        return true;
    }
}
