using Asana.Permissions.Indexing;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Graph;

/// <summary>Teams: records, memberships, and the projects each team opens to its members.</summary>
internal sealed partial class WorkspaceGraph
{
    public GidIndex TeamIds { get; }

    public TeamRecord?[] TeamRecords = [];

    /// <summary>The membership records as read, kept for <see cref="ToWorkspaceData"/>.</summary>
    public List<TeamMembershipRecord>?[] TeamMembershipRecords = [];

    /// <summary>
    /// Members whose membership confers team access (may repeat when the input repeats a membership). Limited-access
    /// members are not here: they see only what they were added to themselves.
    /// </summary>
    public IntBag[] TeamUsers = [];

    /// <summary>Existing projects a member of the team can open through it (project rules 2 and 3).</summary>
    public IntBag[] TeamGrantedProjects = [];

    // "team:<gid>" per team, made on first use by any reader (see UserToken).
    private string?[] _teamTokens = [];

    public string TeamToken(int team)
    {
        var tokens = _teamTokens;
        if (Volatile.Read(ref tokens[team]) is not { } token)
        {
            token = PrincipalTokens.ForTeam(TeamIds.GidAt(team));
            Volatile.Write(ref tokens[team], token);
        }

        return token;
    }

    public int InternTeam(string gid)
    {
        var index = TeamIds.Intern(gid);
        if (index >= TeamRecords.Length)
        {
            GrowTeams();
        }

        return index;
    }

    public string TeamName(int team) => TeamRecords[team]?.Name ?? TeamIds.GidAt(team);

    public void AddTeamMembership(TeamMembershipRecord membership)
    {
        var team = InternTeam(membership.TeamGid);
        var user = InternUser(membership.UserGid);
        (TeamMembershipRecords[team] ??= []).Add(membership);
        if (membership.IsLimitedAccess)
        {
            // Kept as read, but it confers nothing through the team: no team token, no team-derived grant.
            return;
        }

        TeamUsers[team].Add(user);
        UserTeams[user].AddDistinct(team);
    }

    /// <summary>Replaces the team and its memberships; returns every user whose team list may have changed.</summary>
    public List<int> ReplaceTeam(int team, TeamRecord? record, IReadOnlyList<TeamMembershipRecord> memberships)
    {
        var affected = new List<int>();
        foreach (var user in TeamUsers[team].Items)
        {
            affected.Add(user);
            UserTeams[user].Remove(team);
        }

        TeamUsers[team].Clear();
        TeamMembershipRecords[team] = null;
        TeamRecords[team] = record;
        var gid = TeamIds.GidAt(team);
        foreach (var membership in memberships)
        {
            // A membership of another team does not belong in this replacement.
            if (string.Equals(membership.TeamGid, gid, StringComparison.Ordinal))
            {
                AddTeamMembership(membership);
                affected.Add(UserIds.Find(membership.UserGid));
            }
        }

        return affected;
    }

    private void GrowTeams()
    {
        var capacity = TeamIds.Capacity;
        Grow(ref TeamRecords, capacity);
        Grow(ref TeamMembershipRecords, capacity);
        Grow(ref TeamUsers, capacity);
        Grow(ref TeamGrantedProjects, capacity);
        Grow(ref TeamPortfolios, capacity);
        Grow(ref _teamTokens, capacity);
    }
}
