using System.Globalization;
using Asana.Permissions.Sources;

namespace Asana.Benchmarks.Permissions;

/// <summary>
/// A large organization built directly as <see cref="WorkspaceData"/> records: 1,000,000 tasks (about a fifth of
/// the top-level tasks have subtasks, some nested), 10,000 projects (mostly public_to_workspace or team-only, some
/// private), 30,000 sections, 50,000 users (2% guests, 1% admins, 3% inactive), 500 teams. Deterministic per seed.
/// </summary>
/// <remarks>
/// User 0 is a guest who belongs to <see cref="TeamGuestTeamCount"/> teams: guests do not see public projects by
/// role, so what they see is what those teams' team-only and public projects hold (about 100,000 tasks).
/// </remarks>
internal sealed class LargeOrganization
{
    public const int TaskCount = 1_000_000;
    public const int ProjectCount = 10_000;
    public const int UserCount = 50_000;
    public const int TeamCount = 500;
    public const int SectionsPerProject = 3;
    public const int TeamGuestTeamCount = 44;

    private LargeOrganization(WorkspaceData data, string teamGuestGid, string[] userGids, string[] taskGids)
    {
        Data = data;
        TeamGuestGid = teamGuestGid;
        UserGids = userGids;
        TaskGids = taskGids;
    }

    public WorkspaceData Data { get; }

    /// <summary>The guest whose visible set is about 100,000 tasks.</summary>
    public string TeamGuestGid { get; }

    public string[] UserGids { get; }

    public string[] TaskGids { get; }

    public static LargeOrganization Generate(int seed = 20_240_601)
    {
        var random = new Random(seed);
        var workspace = new WorkspaceRecord("1000000000001", "Big Org", IsOrganization: true);

        var userGids = Gids(1_100_000_000_000L, UserCount);
        var teamGids = Gids(1_110_000_000_000L, TeamCount);
        var projectGids = Gids(1_120_000_000_000L, ProjectCount);
        var sectionGids = Gids(1_130_000_000_000L, ProjectCount * SectionsPerProject);
        var taskGids = Gids(1_140_000_000_000L, TaskCount);

        var users = new UserRecord[UserCount];
        var workspaceMemberships = new WorkspaceMembershipRecord[UserCount];
        for (var i = 0; i < UserCount; i++)
        {
            users[i] = new UserRecord(userGids[i], "User " + userGids[i], "user" + userGids[i] + "@bigorg.example");
            var roll = random.NextDouble();
            var isGuest = i == 0 || roll < 0.02;
            var isAdmin = !isGuest && roll < 0.03;
            var isActive = i == 0 || roll >= 0.06 || roll < 0.03;
            workspaceMemberships[i] = new WorkspaceMembershipRecord(userGids[i], isActive, isAdmin, isGuest);
        }

        var teams = new TeamRecord[TeamCount];
        for (var t = 0; t < TeamCount; t++)
        {
            teams[t] = new TeamRecord(teamGids[t], "Team " + t.ToString(CultureInfo.InvariantCulture));
        }

        var teamMemberships = new List<TeamMembershipRecord>(UserCount * 2 + TeamGuestTeamCount);
        for (var t = 0; t < TeamGuestTeamCount; t++)
        {
            teamMemberships.Add(new TeamMembershipRecord(teamGids[t], userGids[0], IsGuest: true, IsLimitedAccess: false));
        }

        for (var i = 1; i < UserCount; i++)
        {
            var count = random.Next(1, 4);
            var first = random.Next(TeamCount);
            for (var k = 0; k < count; k++)
            {
                // Distinct teams: consecutive ones from a random start.
                teamMemberships.Add(new TeamMembershipRecord(teamGids[(first + k) % TeamCount], userGids[i], workspaceMemberships[i].IsGuest, IsLimitedAccess: false));
            }
        }

        var projects = new ProjectRecord[ProjectCount];
        var projectMemberships = new List<ProjectMembershipRecord>(ProjectCount * 4);
        var sections = new SectionRecord[ProjectCount * SectionsPerProject];
        for (var p = 0; p < ProjectCount; p++)
        {
            var roll = random.NextDouble();
            var privacy = roll < 0.45 ? PrivacySettings.PublicToWorkspace : roll < 0.85 ? PrivacySettings.PrivateToTeam : PrivacySettings.Private;
            var team = p < ProjectCount * 95 / 100 ? teamGids[p % TeamCount] : null;
            projects[p] = new ProjectRecord(projectGids[p], "Project " + projectGids[p], privacy, team, random.NextDouble() < 0.05);
            var userMembers = random.Next(1, 5);
            for (var k = 0; k < userMembers; k++)
            {
                projectMemberships.Add(new ProjectMembershipRecord(projectGids[p], userGids[1 + random.Next(UserCount - 1)], MemberKind.User));
            }

            if (random.NextDouble() < 0.3)
            {
                projectMemberships.Add(new ProjectMembershipRecord(projectGids[p], teamGids[random.Next(TeamCount)], MemberKind.Team));
            }

            for (var s = 0; s < SectionsPerProject; s++)
            {
                var index = (p * SectionsPerProject) + s;
                sections[index] = new SectionRecord(sectionGids[index], "Section " + s.ToString(CultureInfo.InvariantCulture), projectGids[p]);
            }
        }

        var tasks = new TaskRecord[TaskCount];
        var next = 0;
        while (next < TaskCount)
        {
            // A top-level task: 1% project-less, 5% multi-homed, otherwise in one project and one of its sections.
            var gid = taskGids[next];
            TaskPlacement[] placements;
            var roll = random.NextDouble();
            if (roll < 0.01)
            {
                placements = [];
            }
            else
            {
                var p = random.Next(ProjectCount);
                var first = new TaskPlacement(projectGids[p], sectionGids[(p * SectionsPerProject) + random.Next(SectionsPerProject)]);
                if (roll < 0.06)
                {
                    var q = (p + 1 + random.Next(ProjectCount - 1)) % ProjectCount;
                    placements = [first, new TaskPlacement(projectGids[q], null)];
                }
                else
                {
                    placements = [first];
                }
            }

            tasks[next++] = RandomTask(random, userGids, gid, placements, null);

            // About 20% of the tasks have subtasks; a quarter of those subtasks have their own.
            if (random.NextDouble() < 0.2)
            {
                var children = random.Next(1, 4);
                for (var c = 0; c < children && next < TaskCount; c++)
                {
                    var child = taskGids[next];
                    tasks[next++] = RandomTask(random, userGids, child, [], gid);
                    if (random.NextDouble() < 0.25 && next < TaskCount)
                    {
                        tasks[next] = RandomTask(random, userGids, taskGids[next], [], child);
                        next++;
                    }
                }
            }
        }

        var data = new WorkspaceData(workspace, users, workspaceMemberships, teams, teamMemberships, projects, projectMemberships, sections, tasks);
        return new LargeOrganization(data, userGids[0], userGids, taskGids);
    }

    private static TaskRecord RandomTask(Random random, string[] userGids, string gid, TaskPlacement[] placements, string? parent)
    {
        var assignee = random.NextDouble() < 0.7 ? userGids[random.Next(UserCount)] : null;
        var followerCount = random.Next(0, 4);
        var followers = followerCount == 0 ? [] : new string[followerCount];
        for (var f = 0; f < followerCount; f++)
        {
            followers[f] = f == 0 && assignee is not null ? assignee : userGids[random.Next(UserCount)];
        }

        return new TaskRecord(gid, "Task " + gid, assignee, followers, placements, parent);
    }

    private static string[] Gids(long start, int count)
    {
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = (start + i).ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }
}
