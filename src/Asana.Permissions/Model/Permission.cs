using System.Text;
using Asana.Shared;

namespace Asana.Permissions.Model;

/// <summary>
/// A Merge-style permission object: one independent grant. Merge evaluates AND across the filled lists and OR
/// within one list, so every independent grant is its own object and empty lists mean "not a condition".
/// </summary>
/// <param name="Effect"><see cref="PermissionEffect.Allowed"/> or <see cref="PermissionEffect.Inherited"/>.</param>
/// <param name="Actions"><c>["VIEW"]</c> for ALLOWED, empty for INHERITED.</param>
/// <param name="AppliedToUsers">User remote ids.</param>
/// <param name="AppliedToRoles">Role remote ids (<see cref="RoleIds"/>).</param>
/// <param name="AppliedToTeams">Team remote ids.</param>
/// <param name="AppliedToCollections">Collection remote ids this object inherits from.</param>
/// <param name="AppliedToTickets">Ticket remote ids this object inherits from (a subtask's parent): beyond Merge's model.</param>
public sealed record Permission(
    PermissionEffect Effect,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> AppliedToUsers,
    IReadOnlyList<string> AppliedToRoles,
    IReadOnlyList<string> AppliedToTeams,
    IReadOnlyList<string> AppliedToCollections,
    IReadOnlyList<string> AppliedToTickets)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Effect = ").Append(Effect)
            .Append(", Actions = ").AppendList(Actions)
            .Append(", AppliedToUsers = ").AppendList(AppliedToUsers)
            .Append(", AppliedToRoles = ").AppendList(AppliedToRoles)
            .Append(", AppliedToTeams = ").AppendList(AppliedToTeams)
            .Append(", AppliedToCollections = ").AppendList(AppliedToCollections)
            .Append(", AppliedToTickets = ").AppendList(AppliedToTickets);
        return true;
    }
}
