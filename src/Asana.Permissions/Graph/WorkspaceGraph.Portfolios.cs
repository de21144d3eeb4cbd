using Asana.Permissions.Indexing;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Graph;

/// <summary>
/// Portfolios: records, members (users and teams), and the projects whose access they share
/// (<c>is_access_control_inherited</c>). A setting that does not inherit access is kept as read and grants nothing.
/// </summary>
internal sealed partial class WorkspaceGraph
{
    public GidIndex PortfolioIds { get; }

    public PortfolioRecord?[] PortfolioRecords = [];

    /// <summary>The membership records as read, kept for <see cref="ToWorkspaceData"/>.</summary>
    public PortfolioMembershipRecord[][] PortfolioMembershipRecords = [];

    /// <summary>The project settings as read, kept for <see cref="ToWorkspaceData"/>.</summary>
    public ProjectPortfolioSettingRecord[][] PortfolioSettingRecords = [];

    /// <summary>Distinct user members of the portfolio.</summary>
    public int[][] PortfolioMemberUsers = [];

    /// <summary>Distinct team members of the portfolio.</summary>
    public int[][] PortfolioMemberTeams = [];

    /// <summary>Distinct projects (possibly placeholders) whose access the portfolio shares with its members.</summary>
    public int[][] PortfolioProjects = [];

    /// <summary>Existing portfolios that share the project's access with their members.</summary>
    public IntBag[] ProjectPortfolios = [];

    /// <summary>Existing portfolios that list the user as a member.</summary>
    public IntBag[] UserDirectPortfolios = [];

    /// <summary>Existing portfolios that list the team as a member.</summary>
    public IntBag[] TeamPortfolios = [];

    public bool PortfolioExists(int portfolio) => PortfolioRecords[portfolio] is not null;

    public string PortfolioName(int portfolio) => PortfolioRecords[portfolio]?.Name ?? PortfolioIds.GidAt(portfolio);

    public int InternPortfolio(string gid)
    {
        var index = PortfolioIds.Intern(gid);
        if (index >= PortfolioRecords.Length)
        {
            GrowPortfolios();
        }

        return index;
    }

    /// <summary>
    /// Replaces a portfolio (null record: removes it) with its memberships and project settings. Returns every project
    /// whose grants may have changed, so the caller can refresh what depends on them.
    /// </summary>
    public List<int> ReplacePortfolio(
        int portfolio,
        PortfolioRecord? record,
        IReadOnlyList<PortfolioMembershipRecord> memberships,
        IReadOnlyList<ProjectPortfolioSettingRecord> settings)
    {
        var affected = new List<int>(PortfolioProjects[portfolio]);
        if (PortfolioExists(portfolio))
        {
            DetachPortfolio(portfolio);
        }

        if (record is not null)
        {
            var gid = PortfolioIds.GidAt(portfolio);

            // Entries naming another portfolio do not belong in this replacement.
            AttachPortfolio(
                portfolio,
                record,
                [.. memberships.Where(m => string.Equals(m.PortfolioGid, gid, StringComparison.Ordinal))],
                [.. settings.Where(s => string.Equals(s.PortfolioGid, gid, StringComparison.Ordinal))]);
            affected.AddRange(PortfolioProjects[portfolio]);
        }

        // A project both before and after is refreshed once.
        affected = [.. affected.Distinct()];
        RefreshProjectCollections(affected);
        return affected;
    }

    private void LoadPortfolios(WorkspaceData data)
    {
        foreach (var portfolio in data.Portfolios)
        {
            PortfolioRecords[InternPortfolio(portfolio.Gid)] = portfolio;
        }

        // Memberships and settings of a portfolio that was not read grant nothing: only read portfolios attach theirs.
        var members = data.PortfolioMemberships.ToLookup(m => m.PortfolioGid, StringComparer.Ordinal);
        var settings = data.ProjectPortfolioSettings.ToLookup(s => s.PortfolioGid, StringComparer.Ordinal);
        for (var portfolio = 0; portfolio < PortfolioIds.Count; portfolio++)
        {
            if (PortfolioRecords[portfolio] is { } record)
            {
                AttachPortfolio(portfolio, record, [.. members[record.Gid]], [.. settings[record.Gid]]);
            }
        }
    }

    private void AttachPortfolio(int portfolio, PortfolioRecord record, PortfolioMembershipRecord[] memberships, ProjectPortfolioSettingRecord[] settings)
    {
        var projects = new IntBag();
        foreach (var setting in settings)
        {
            if (setting.IsAccessControlInherited)
            {
                projects.AddDistinct(InternProject(setting.ProjectGid));
            }
        }

        PortfolioRecords[portfolio] = record;
        PortfolioMembershipRecords[portfolio] = memberships;
        PortfolioSettingRecords[portfolio] = settings;
        (PortfolioMemberUsers[portfolio], PortfolioMemberTeams[portfolio]) = InternMembers(memberships.Select(m => (m.MemberGid, m.MemberKind)));
        PortfolioProjects[portfolio] = projects.Count == 0 ? NoIndices : projects.Items.ToArray();
        foreach (var user in PortfolioMemberUsers[portfolio])
        {
            UserDirectPortfolios[user].Add(portfolio);
        }

        foreach (var team in PortfolioMemberTeams[portfolio])
        {
            TeamPortfolios[team].Add(portfolio);
        }

        foreach (var project in PortfolioProjects[portfolio])
        {
            ProjectPortfolios[project].Add(portfolio);
        }
    }

    private void DetachPortfolio(int portfolio)
    {
        foreach (var user in PortfolioMemberUsers[portfolio])
        {
            UserDirectPortfolios[user].Remove(portfolio);
        }

        foreach (var team in PortfolioMemberTeams[portfolio])
        {
            TeamPortfolios[team].Remove(portfolio);
        }

        foreach (var project in PortfolioProjects[portfolio])
        {
            ProjectPortfolios[project].Remove(portfolio);
        }

        PortfolioRecords[portfolio] = null;
        PortfolioMembershipRecords[portfolio] = [];
        PortfolioSettingRecords[portfolio] = [];
        PortfolioMemberUsers[portfolio] = NoIndices;
        PortfolioMemberTeams[portfolio] = NoIndices;
        PortfolioProjects[portfolio] = NoIndices;
    }

    private void GrowPortfolios()
    {
        var capacity = PortfolioIds.Capacity;
        Grow(ref PortfolioRecords, capacity);
        GrowFilled(ref PortfolioMembershipRecords, capacity, []);
        GrowFilled(ref PortfolioSettingRecords, capacity, []);
        GrowFilled(ref PortfolioMemberUsers, capacity, NoIndices);
        GrowFilled(ref PortfolioMemberTeams, capacity, NoIndices);
        GrowFilled(ref PortfolioProjects, capacity, NoIndices);
    }
}
