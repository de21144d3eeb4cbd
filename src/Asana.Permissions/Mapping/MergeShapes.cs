using Asana.Permissions.Model;

namespace Asana.Permissions.Mapping;

/// <summary>
/// Immutable pieces shared by every Merge object: one empty list, one VIEW action list, one role grant. Sharing them
/// keeps a million-ticket model within its allocation budget.
/// </summary>
internal static class MergeShapes
{
    public static readonly string[] Empty = [];

    public static readonly Permission[] NoPermissions = [];

    public static readonly string[] ViewActions = [PermissionActions.View];

    public static readonly string[] AdminAndMemberRoles = [RoleIds.Admin, RoleIds.Member];

    public static readonly Permission AdminAndMemberRolesAllowed =
        new(PermissionEffect.Allowed, ViewActions, Empty, AdminAndMemberRoles, Empty, Empty, Empty);

    public static readonly string[] AdminRole = [RoleIds.Admin];

    public static readonly string[] MemberRole = [RoleIds.Member];

    public static readonly string[] GuestRole = [RoleIds.Guest];

    public const string TaskTicketType = "task";

    public const string SubtaskTicketType = "subtask";

    public static Permission AllowUsers(string[] users) =>
        new(PermissionEffect.Allowed, ViewActions, users, Empty, Empty, Empty, Empty);

    public static Permission AllowTeams(string[] teams) =>
        new(PermissionEffect.Allowed, ViewActions, Empty, Empty, teams, Empty, Empty);

    public static Permission InheritFromCollections(string[] collections) =>
        new(PermissionEffect.Inherited, Empty, Empty, Empty, Empty, collections, Empty);

    public static Permission InheritFromTicket(string parentTicket) =>
        new(PermissionEffect.Inherited, Empty, Empty, Empty, Empty, Empty, [parentTicket]);
}
