namespace Asana.Simulator;

/// <summary>
/// The size and mix of a generated organization (see <see cref="SimulatedOrganization.Generate"/>). Counts are
/// targets: the generator always adds the edge cases (guests in teams, inactive and admin users, every privacy
/// setting, teamless and archived projects, multi-homed tasks, nested subtasks, project-less tasks, gids beyond
/// 64 bits) whenever the counts leave room for them.
/// </summary>
/// <param name="Users">Active, non-guest members (admins included).</param>
/// <param name="Admins">How many of <paramref name="Users"/> are workspace admins.</param>
/// <param name="Guests">Active organization guests (other email domain). Ignored when not an organization.</param>
/// <param name="InactiveUsers">Deactivated users (<c>is_active: false</c>); they keep their old assignments.</param>
/// <param name="Teams">Teams (organizations only).</param>
/// <param name="Projects">Projects, of every privacy setting, some teamless, some archived.</param>
/// <param name="TasksPerProject">Average top-level tasks per project (each varies by up to ±30%).</param>
/// <param name="SubtaskRatio">Share of tasks that get subtasks (nested up to <see cref="MaxSubtaskDepth"/>).</param>
/// <param name="ProjectlessTasks">Tasks in no project: half assigned, half only followed.</param>
/// <param name="MultiHomedRatio">Share of tasks also added to one or two other projects.</param>
/// <param name="IsOrganization">An organization (teams, guests) or a plain workspace.</param>
public sealed record OrganizationShape(
    int Users,
    int Admins,
    int Guests,
    int InactiveUsers,
    int Teams,
    int Projects,
    int TasksPerProject,
    double SubtaskRatio,
    int ProjectlessTasks,
    double MultiHomedRatio,
    bool IsOrganization = true)
{
    /// <summary>The workspace name.</summary>
    public string WorkspaceName { get; init; } = "Acme Corp";

    /// <summary>The members' email domain (guests use other domains).</summary>
    public string EmailDomain { get; init; } = "acme.example";

    /// <summary>Sections per project.</summary>
    public int SectionsPerProject { get; init; } = 3;

    /// <summary>Deepest subtask level below a top-level task (Asana allows 5; the default 4).</summary>
    public int MaxSubtaskDepth { get; init; } = 4;

    /// <summary>Share of projects that are archived (at least one when there are 4 or more projects).</summary>
    public double ArchivedRatio { get; init; } = 0.1;

    /// <summary>Share of an organization's projects that have no team.</summary>
    public double TeamlessRatio { get; init; } = 0.2;

    /// <summary>Share of tasks with a follower or assignee from outside the project's members.</summary>
    public double OutsideCollaboratorRatio { get; init; } = 0.15;

    /// <summary>Share of gids longer than 20 digits (beyond 64-bit integers).</summary>
    public double HugeGidRatio { get; init; } = 0.05;

    /// <summary>Share of tasks that are completed.</summary>
    public double CompletedRatio { get; init; } = 0.15;

    /// <summary>Average team size (members, guests included).</summary>
    public int TeamSize { get; init; } = 12;

    /// <summary>
    /// Portfolios, each holding a few projects (some with inherited access control, some without), with user members
    /// and, in organizations, team members.
    /// </summary>
    public int Portfolios { get; init; } = 2;

    /// <summary>Tests: ~30 users (4 guests, 2 inactive, 2 admins), 3 teams, 6 projects, ~150 tasks.</summary>
    public static OrganizationShape Small { get; } = new(
        Users: 24, Admins: 2, Guests: 4, InactiveUsers: 2, Teams: 3, Projects: 6, TasksPerProject: 18,
        SubtaskRatio: 0.15, ProjectlessTasks: 8, MultiHomedRatio: 0.1)
    { TeamSize = 8, ArchivedRatio = 0.17 };

    /// <summary>The console's demo: ~300 users incl. guests, admins and deactivated accounts, 10 teams, 40 projects, thousands of tasks.</summary>
    public static OrganizationShape Demo { get; } = new(
        Users: 260, Admins: 6, Guests: 30, InactiveUsers: 15, Teams: 10, Projects: 40, TasksPerProject: 60,
        SubtaskRatio: 0.2, ProjectlessTasks: 150, MultiHomedRatio: 0.08)
    { TeamSize = 25, Portfolios = 4 };

    /// <summary>A sync benchmark: ~50,000 tasks and subtasks over 250 projects, ~1,100 users.</summary>
    public static OrganizationShape Large { get; } = new(
        Users: 1000, Admins: 10, Guests: 80, InactiveUsers: 40, Teams: 25, Projects: 250, TasksPerProject: 120,
        SubtaskRatio: 0.15, ProjectlessTasks: 500, MultiHomedRatio: 0.05)
    { TeamSize = 40, SectionsPerProject = 4, Portfolios = 12 };

    /// <summary>
    /// The scale benchmark's organization: <see cref="Large"/> grown 20 times, ~1,000,000 tasks and subtasks over 5,000
    /// projects, ~22,000 users, 500 teams. Generating it takes a few GB and about a minute.
    /// </summary>
    public static OrganizationShape Huge { get; } = Large.Scaled(20);

    /// <summary>
    /// This shape with every count (users, guests, inactive users, admins, teams, projects, project-less tasks,
    /// portfolios) multiplied by <paramref name="factor"/>; the proportions (tasks per project, team size, ratios) stay.
    /// </summary>
    /// <param name="factor">The multiplier, greater than 0.</param>
    /// <returns>The grown (or shrunk) shape.</returns>
    public OrganizationShape Scaled(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        int Times(int count) => count == 0 ? 0 : Math.Max(1, (int)Math.Round(count * factor));
        return this with
        {
            Users = Times(Users),
            Admins = Times(Admins),
            Guests = Times(Guests),
            InactiveUsers = Times(InactiveUsers),
            Teams = Times(Teams),
            Projects = Times(Projects),
            ProjectlessTasks = Times(ProjectlessTasks),
            Portfolios = Times(Portfolios),
        };
    }
}
