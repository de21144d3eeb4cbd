using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Xunit.Abstractions;

namespace Asana.Permissions.Tests.Differential;

/// <summary>
/// Differential tests: the engine against <see cref="NaiveVisibility"/> on hundreds of seeded random workspaces,
/// for every (user, task) pair. Over-grants (engine allows, reference denies) and under-grants are reported apart.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output, DifferentialTests.Runs runs) : IClassFixture<DifferentialTests.Runs>
{
    private const int Seeds = 500;

    public static TheoryData<bool> ProjectlessOptions => new() { false, true };

    [Theory]
    [MemberData(nameof(ProjectlessOptions))]
    public void CanView_RandomWorkspaces_NoOverGrants(bool projectless)
    {
        var log = Log(projectless);
        log.OverGrants.Count.Should().Be(0, "the engine must never allow what the rules deny: " + MismatchLog.Describe(log.OverGrants, log.PairsCompared));
    }

    [Theory]
    [MemberData(nameof(ProjectlessOptions))]
    public void CanView_RandomWorkspaces_NoUnderGrants(bool projectless)
    {
        var log = Log(projectless);
        log.UnderGrants.Count.Should().Be(0, "the engine must allow what the rules allow: " + MismatchLog.Describe(log.UnderGrants, log.PairsCompared));
    }

    [Theory]
    [MemberData(nameof(ProjectlessOptions))]
    public void CanView_RandomWorkspaces_NeverThrows(bool projectless)
    {
        var log = Log(projectless);
        output.WriteLine($"{log.PairsCompared} (user, task) pairs compared: {log.OverGrants.Count} over-grants, {log.UnderGrants.Count} under-grants, {log.Errors.Count} errors");
        log.Errors.Count.Should().Be(0, MismatchLog.Describe(log.Errors, log.PairsCompared));
        log.PairsCompared.Should().BeGreaterThan(100_000, "every seed compares every pair");
    }

    [Theory]
    [MemberData(nameof(ProjectlessOptions))]
    public void ListAccessible_RandomWorkspaces_EqualsReferenceSetInOrdinalOrder(bool projectless)
    {
        var problems = new List<string>();
        for (var seed = 1; seed <= Seeds && problems.Count < 8; seed++)
        {
            var data = RandomWorkspaceGenerator.Generate(seed).ToData();
            var engine = WorkspacePermissions.Build(data, new EvaluationOptions(projectless));
            foreach (var user in DifferentialSupport.UserCandidates(data))
            {
                var expected = NaiveVisibility.Accessible(data, user, projectless);
                var actual = engine.ListAccessible(user);
                var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
                var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
                if (extra.Count > 0 || missing.Count > 0)
                {
                    problems.Add($"seed {seed}, user {DifferentialSupport.DescribeUser(data, user)}: over-granted [{string.Join(",", extra)}], under-granted [{string.Join(",", missing)}]");
                }
                else if (!actual.SequenceEqual(expected, StringComparer.Ordinal))
                {
                    problems.Add($"seed {seed}, user {user}: right set, not in ordinal order (or with duplicates)");
                }
            }
        }

        problems.Count.Should().Be(0, "first cases: " + string.Join(Environment.NewLine, problems.Take(8)));
    }

    [Theory]
    [MemberData(nameof(ProjectlessOptions))]
    public void ListPrincipals_RandomWorkspaces_EqualsReferenceSetInOrdinalOrder(bool projectless)
    {
        var problems = new List<string>();
        for (var seed = 1; seed <= Seeds && problems.Count < 8; seed++)
        {
            var data = RandomWorkspaceGenerator.Generate(seed).ToData();
            var engine = WorkspacePermissions.Build(data, new EvaluationOptions(projectless));
            foreach (var task in data.Tasks.Select(t => t.Gid).Append(DifferentialSupport.UnknownTask))
            {
                var expected = NaiveVisibility.Principals(data, task, projectless);
                var actual = engine.ListPrincipals(task);
                var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
                var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
                if (extra.Count > 0 || missing.Count > 0)
                {
                    problems.Add($"seed {seed}, task {DifferentialSupport.DescribeTask(data, task)}: over-granted [{string.Join(",", extra.Select(u => DifferentialSupport.DescribeUser(data, u)))}], under-granted [{string.Join(",", missing)}]");
                }
                else if (!actual.SequenceEqual(expected, StringComparer.Ordinal))
                {
                    problems.Add($"seed {seed}, task {task}: right set, not in ordinal order (or with duplicates)");
                }
            }
        }

        problems.Count.Should().Be(0, "first cases: " + string.Join(Environment.NewLine, problems.Take(8)));
    }

    [Theory]
    [MemberData(nameof(ProjectlessOptions))]
    public void PrincipalTokens_RandomWorkspaces_IntersectExactlyWhenReferenceAllows(bool projectless)
    {
        var overGrants = new List<string>();
        var underGrants = new List<string>();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var data = RandomWorkspaceGenerator.Generate(seed).ToData();
            var engine = WorkspacePermissions.Build(data, new EvaluationOptions(projectless));
            var taskTokens = data.Tasks.ToDictionary(t => t.Gid, t => engine.GetTicketPrincipalTokens(t.Gid).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
            engine.GetTicketPrincipalTokens(DifferentialSupport.UnknownTask).Should().BeEmpty("an unknown ticket carries no token");
            foreach (var user in DifferentialSupport.UserCandidates(data))
            {
                var userTokens = engine.GetUserPrincipalTokens(user);
                foreach (var task in data.Tasks)
                {
                    var intersects = userTokens.Any(taskTokens[task.Gid].Contains);
                    var expected = NaiveVisibility.Why(data, user, task.Gid, projectless);
                    if (intersects && expected is null)
                    {
                        overGrants.Add($"seed {seed}: user {DifferentialSupport.DescribeUser(data, user)} tokens [{string.Join(",", userTokens)}] meet task {DifferentialSupport.DescribeTask(data, task.Gid)} tokens [{string.Join(",", taskTokens[task.Gid])}]");
                    }
                    else if (!intersects && expected is not null)
                    {
                        underGrants.Add($"seed {seed}: user {user} tokens [{string.Join(",", userTokens)}] miss task {task.Gid} tokens [{string.Join(",", taskTokens[task.Gid])}]; reference: {expected}");
                    }
                }
            }
        }

        overGrants.Count.Should().Be(0, "tokens must never let a search index over-grant; first cases: " + string.Join(Environment.NewLine, overGrants.Take(6)));
        underGrants.Count.Should().Be(0, "first cases: " + string.Join(Environment.NewLine, underGrants.Take(6)));
    }

    [Theory]
    [MemberData(nameof(ProjectlessOptions))]
    public void CanView_ByEmailInRandomCase_AnswersAsByGid(bool projectless)
    {
        var problems = new List<string>();
        for (var seed = 1; seed <= 200; seed++)
        {
            var random = new Random(seed * 7919);
            var data = RandomWorkspaceGenerator.Generate(seed).ToData();
            var engine = WorkspacePermissions.Build(data, new EvaluationOptions(projectless));
            foreach (var user in data.Users.Where(u => u.Email is not null))
            {
                var email = RandomWorkspaceGenerator.MixCase(random, user.Email!);
                if (engine.ResolveUser(email) != user.Gid)
                {
                    problems.Add($"seed {seed}: ResolveUser({email}) = {engine.ResolveUser(email) ?? "null"}, expected {user.Gid}");
                }

                foreach (var task in data.Tasks)
                {
                    var expected = NaiveVisibility.CanView(data, user.Gid, task.Gid, projectless);
                    if (engine.CanView(email, task.Gid) != expected)
                    {
                        problems.Add($"seed {seed}: CanView({email}, {task.Gid}) = {!expected}, reference {expected}");
                    }
                }

                if (!engine.ListAccessible(email).SequenceEqual(engine.ListAccessible(user.Gid), StringComparer.Ordinal))
                {
                    problems.Add($"seed {seed}: ListAccessible({email}) differs from ListAccessible({user.Gid})");
                }

                if (!engine.GetUserPrincipalTokens(email).Order(StringComparer.Ordinal).SequenceEqual(engine.GetUserPrincipalTokens(user.Gid).Order(StringComparer.Ordinal), StringComparer.Ordinal))
                {
                    problems.Add($"seed {seed}: GetUserPrincipalTokens({email}) differs from by gid");
                }
            }

            engine.ResolveUser("nobody.at.all@example.com").Should().BeNull();
            engine.CanView("nobody.at.all@example.com", data.Tasks.Count > 0 ? data.Tasks[0].Gid : DifferentialSupport.UnknownTask).Should().BeFalse();
        }

        problems.Count.Should().Be(0, "first cases: " + string.Join(Environment.NewLine, problems.Take(8)));
    }

    [Fact]
    public void ToMergeModel_RandomWorkspaces_PermissionObjectsHaveMergeShape()
    {
        var problems = new List<string>();
        for (var seed = 1; seed <= 300 && problems.Count < 20; seed++)
        {
            var data = RandomWorkspaceGenerator.Generate(seed).ToData();
            var model = WorkspacePermissions.Build(data).ToMergeModel();
            problems.AddRange(MergeShape.Check(data, model).Select(p => $"seed {seed}: {p}"));
        }

        problems.Count.Should().Be(0, "first cases: " + string.Join(Environment.NewLine, problems.Take(10)));
    }

    [Fact]
    public void ToMergeModel_EvaluatedAsMergeDoes_MatchesReference()
    {
        // Merge evaluates AND across filled lists and OR within one; activity and guest status apply at evaluation.
        // The project-less opt-in is not in the model (§2), so this runs with the default options only.
        var overGrants = new List<string>();
        var underGrants = new List<string>();
        for (var seed = 1; seed <= 300; seed++)
        {
            var data = RandomWorkspaceGenerator.Generate(seed).ToData();
            var model = WorkspacePermissions.Build(data).ToMergeModel();
            var evaluator = new MergeEvaluator(model);
            foreach (var user in data.Users)
            {
                foreach (var task in data.Tasks)
                {
                    var actual = evaluator.CanView(user.Gid, task.Gid);
                    var expected = NaiveVisibility.Why(data, user.Gid, task.Gid, false);
                    if (actual && expected is null)
                    {
                        overGrants.Add($"seed {seed}: user {DifferentialSupport.DescribeUser(data, user.Gid)}, task {DifferentialSupport.DescribeTask(data, task.Gid)}");
                    }
                    else if (!actual && expected is not null)
                    {
                        underGrants.Add($"seed {seed}: user {user.Gid}, task {task.Gid}; reference: {expected}");
                    }
                }
            }
        }

        overGrants.Count.Should().Be(0, "first cases: " + string.Join(Environment.NewLine, overGrants.Take(6)));
        underGrants.Count.Should().Be(0, "first cases: " + string.Join(Environment.NewLine, underGrants.Take(6)));
    }

    [Fact]
    public void Generator_FiveHundredSeeds_CoversEveryCorner()
    {
        var corners = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string corner, bool present)
        {
            if (present)
            {
                corners[corner] = corners.GetValueOrDefault(corner) + 1;
            }
        }

        for (var seed = 1; seed <= Seeds; seed++)
        {
            var ws = RandomWorkspaceGenerator.Generate(seed);
            var d = ws.ToData();
            var guests = d.WorkspaceMemberships.Where(m => m.IsGuest).Select(m => m.UserGid).ToHashSet(StringComparer.Ordinal);
            var inactive = d.WorkspaceMemberships.Where(m => !m.IsActive).Select(m => m.UserGid).ToHashSet(StringComparer.Ordinal);
            Count("organization", d.Workspace.IsOrganization);
            Count("plain workspace", !d.Workspace.IsOrganization);
            Count("admin", d.WorkspaceMemberships.Any(m => m.IsAdmin));
            Count("user without membership", d.Users.Any(u => d.WorkspaceMemberships.All(m => m.UserGid != u.Gid)));
            Count("guest in team", d.TeamMemberships.Any(t => guests.Contains(t.UserGid)));
            Count("guest project member", d.ProjectMemberships.Any(p => guests.Contains(p.MemberGid)));
            Count("guest follower", d.Tasks.Any(t => t.FollowerGids.Any(guests.Contains)));
            Count("inactive follower", d.Tasks.Any(t => t.FollowerGids.Any(inactive.Contains)));
            Count("inactive assignee", d.Tasks.Any(t => t.AssigneeGid is not null && inactive.Contains(t.AssigneeGid)));
            Count("inactive project member", d.ProjectMemberships.Any(p => inactive.Contains(p.MemberGid)));
            Count("team project member", d.ProjectMemberships.Any(p => p.MemberKind == MemberKind.Team));
            Count("unknown privacy", d.Projects.Any(p => RandomWorkspaceGenerator.UnknownPrivacySettings.Contains(p.PrivacySetting)));
            Count("private_to_team", d.Projects.Any(p => p.PrivacySetting == PrivacySettings.PrivateToTeam));
            Count("project without team", d.Projects.Any(p => p.TeamGid is null));
            Count("archived project", d.Projects.Any(p => p.Archived));
            Count("section", d.Sections.Count > 0);
            Count("multi-homed task", d.Tasks.Any(t => t.Memberships.Count > 1));
            Count("depth-5 subtask", d.Tasks.Any(t => ws.Depth(t) == 5));
            Count("subtask in a project", d.Tasks.Any(t => t.ParentGid is not null && t.Memberships.Count > 0));
            Count("project-less task", d.Tasks.Any(t => t.ParentGid is null && t.Memberships.Count == 0));
            Count("missing project", d.Tasks.Any(t => t.Memberships.Any(p => d.Projects.All(x => x.Gid != p.ProjectGid))));
            Count("assignee also follower", d.Tasks.Any(t => t.AssigneeGid is not null && t.FollowerGids.Contains(t.AssigneeGid)));
            Count("mixed-case email", d.Users.Any(u => u.Email is not null && u.Email.Any(char.IsUpper)));
            Count("no email", d.Users.Any(u => u.Email is null));
            var limited = d.TeamMemberships.Where(t => t.IsLimitedAccess).ToList();
            Count("limited-access member", limited.Count > 0);
            Count("limited member of a project's team", limited.Any(t => d.Projects.Any(p => p.TeamGid == t.TeamGid && p.PrivacySetting != PrivacySettings.Private)));
            Count("limited member of a member team", limited.Any(t => d.ProjectMemberships.Any(p => p.MemberGid == t.TeamGid)));
            var inherited = d.ProjectPortfolioSettings.Where(s => s.IsAccessControlInherited && d.Portfolios.Any(p => p.Gid == s.PortfolioGid)).ToList();
            Count("portfolio sharing a project", inherited.Any(s => d.Projects.Any(p => p.Gid == s.ProjectGid)));
            Count("portfolio not sharing access", d.ProjectPortfolioSettings.Any(s => !s.IsAccessControlInherited));
            Count("portfolio team member", d.PortfolioMemberships.Any(m => m.MemberKind == MemberKind.Team && inherited.Any(s => s.PortfolioGid == m.PortfolioGid)));
            Count("guest portfolio member", d.PortfolioMemberships.Any(m => guests.Contains(m.MemberGid)));
            Count("unlisted portfolio", d.PortfolioMemberships.Any(m => d.Portfolios.All(p => p.Gid != m.PortfolioGid)));
        }

        corners.Should().HaveCount(32, "every corner must appear in some seed; present: " + string.Join(", ", corners.Keys));
        corners.Values.Should().OnlyContain(n => n >= 5, "each corner should appear in several seeds: " + string.Join(", ", corners.Select(c => $"{c.Key}={c.Value}")));
    }

    private MismatchLog Log(bool projectless) => projectless ? runs.WithProjectless.Value : runs.WithoutProjectless.Value;

    private static MismatchLog RunAllSeeds(bool projectless)
    {
        var log = new MismatchLog();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var data = RandomWorkspaceGenerator.Generate(seed).ToData();
            WorkspacePermissions engine;
            try
            {
                engine = WorkspacePermissions.Build(data, new EvaluationOptions(projectless));
            }
            catch (Exception ex)
            {
                log.Errors.Add(new Mismatch(seed, projectless, "Build", "-", "-", $"Build threw {ex.GetType().Name}: {ex.Message}"));
                continue;
            }

            DifferentialSupport.CompareAllPairs(engine, data, projectless, seed, "build", log);
        }

        return log;
    }

    /// <summary>
    /// The comparison of every seed, run once per test run and shared by the tests that read it. A class fixture, not a
    /// static: a test host that runs the suite again (as mutation testing does, once per mutant) must compare again.
    /// </summary>
    public sealed class Runs
    {
        public Lazy<MismatchLog> WithoutProjectless { get; } = new(() => RunAllSeeds(false));

        public Lazy<MismatchLog> WithProjectless { get; } = new(() => RunAllSeeds(true));
    }
}
