using Asana.Permissions.Graph;
using Asana.Permissions.Model;

namespace Asana.Permissions.Mapping;

/// <summary>Maps a user to its Merge user; roles come from the workspace membership, teams from team memberships.</summary>
internal static class UserFactory
{
    public static User Create(WorkspaceGraph graph, int user)
    {
        var record = graph.UserRecords[user];
        var membership = graph.UserMemberships[user];
        string[] roles = membership is null ? MergeShapes.Empty
            : graph.IsGuest(user) ? MergeShapes.GuestRole
            : graph.IsAdmin(user) ? MergeShapes.AdminRole
            : MergeShapes.MemberRole;

        var teamIndices = graph.UserTeams[user].Items;
        var teams = new string[teamIndices.Length];
        for (var i = 0; i < teamIndices.Length; i++)
        {
            teams[i] = graph.TeamIds.GidAt(teamIndices[i]);
        }

        // Ordinal order, so the same memberships give the same list whatever order they were applied in.
        // (A static method group is one cached delegate; an IComparer would cost a delegate per user.)
        teams.AsSpan().Sort(string.CompareOrdinal);
        return new User(
            graph.UserIds.GidAt(user),
            record?.Name ?? string.Empty,
            record?.Email,
            membership?.IsActive == true,
            roles,
            teams);
    }
}
