using Asana.Permissions.Sources;
using Xunit.Abstractions;

namespace Asana.Permissions.Tests.Differential;

/// <summary>
/// Random sequences of changes applied both to the engine (Upsert*/Remove*) and to the raw records; after every
/// step every (user, task) pair must match the naive reference on the changed records.
/// </summary>
public sealed class IncrementalDifferentialTests(ITestOutputHelper output, IncrementalDifferentialTests.Runs runs) : IClassFixture<IncrementalDifferentialTests.Runs>
{
    private const int Seeds = 200;
    private const int StepsPerSeed = 8;

    [Fact]
    public void Upserts_RandomMutationSequences_NoOverGrants()
    {
        var log = runs.Results.Value;
        log.OverGrants.Count.Should().Be(0, "after a change the engine must never allow what the rules deny: " + MismatchLog.Describe(log.OverGrants, log.PairsCompared));
    }

    [Fact]
    public void Upserts_RandomMutationSequences_NoUnderGrants()
    {
        var log = runs.Results.Value;
        log.UnderGrants.Count.Should().Be(0, "after a change the engine must allow what the rules allow: " + MismatchLog.Describe(log.UnderGrants, log.PairsCompared));
    }

    [Fact]
    public void Upserts_RandomMutationSequences_NeverThrow()
    {
        var log = runs.Results.Value;
        output.WriteLine($"{log.PairsCompared} (user, task) pairs compared: {log.OverGrants.Count} over-grants, {log.UnderGrants.Count} under-grants, {log.Errors.Count} errors");
        output.WriteLine("changes applied: " + string.Join(", ", log.Changes.Select(c => $"{c.Key}: {c.Value}")));
        log.Changes.Should().HaveCountGreaterThanOrEqualTo(14, "every kind of change should be exercised");
        log.Errors.Count.Should().Be(0, MismatchLog.Describe(log.Errors, log.PairsCompared));
        log.PairsCompared.Should().BeGreaterThan(100_000);
    }

    private static MismatchLog RunAllSeeds()
    {
        var log = new MismatchLog();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var random = new Random(seed * 104_729);
            var projectless = random.NextDouble() < 0.5;
            var ws = RandomWorkspaceGenerator.Generate(10_000 + seed);
            var ids = new RandomWorkspaceGenerator.GidSource(90_000 + seed);
            var engine = WorkspacePermissions.Build(ws.ToData(), new EvaluationOptions(projectless));
            var everSeen = ws.Tasks.Select(t => t.Gid).ToHashSet(StringComparer.Ordinal);
            for (var step = 1; step <= StepsPerSeed; step++)
            {
                string description;
                try
                {
                    description = Mutate(random, ws, engine, ids);
                }
                catch (Exception ex)
                {
                    log.Errors.Add(new Mismatch(10_000 + seed, projectless, $"step {step}", "-", "-", $"mutation threw {ex.GetType().Name}: {ex.Message}"));
                    break;
                }

                var kind = new string(description.TakeWhile(c => !char.IsDigit(c)).ToArray()).Trim();
                log.Changes[kind] = log.Changes.GetValueOrDefault(kind) + 1;
                everSeen.UnionWith(ws.Tasks.Select(t => t.Gid));
                DifferentialSupport.CompareAllPairs(engine, ws.ToData(), projectless, 10_000 + seed, $"step {step} ({description})", log, everSeen);
            }
        }

        return log;
    }

    /// <summary>Applies one random change to the engine and the same change to the records; returns what it did.</summary>
    private static string Mutate(Random random, RandomWorkspace ws, WorkspacePermissions engine, RandomWorkspaceGenerator.GidSource ids)
    {
        var org = ws.Workspace.IsOrganization;
        while (true)
        {
            switch (random.Next(16))
            {
                case 0:
                {
                    // New top-level task (sometimes project-less).
                    var placements = random.NextDouble() < 0.25 ? [] : RandomWorkspaceGenerator.RandomPlacements(random, ws, ids);
                    var task = RandomWorkspaceGenerator.RandomTask(random, ws, ids.Next(), "new task", placements, null);
                    Apply(ws, engine, task);
                    return $"add task {task.Gid}";
                }

                case 1:
                {
                    // New subtask under an existing task.
                    if (ws.Tasks.Count == 0)
                    {
                        continue;
                    }

                    var parent = ws.Tasks[random.Next(ws.Tasks.Count)];
                    var placements = random.NextDouble() < 0.2 ? RandomWorkspaceGenerator.RandomPlacements(random, ws, ids) : [];
                    var task = RandomWorkspaceGenerator.RandomTask(random, ws, ids.Next(), "new subtask", placements, parent.Gid);
                    Apply(ws, engine, task);
                    return $"add subtask {task.Gid} under {parent.Gid}";
                }

                case 2:
                {
                    // Replace a task: new collaborators and projects, same parent.
                    if (ws.Tasks.Count == 0)
                    {
                        continue;
                    }

                    var old = ws.Tasks[random.Next(ws.Tasks.Count)];
                    var placements = random.NextDouble() < 0.3 ? [] : RandomWorkspaceGenerator.RandomPlacements(random, ws, ids);
                    var task = RandomWorkspaceGenerator.RandomTask(random, ws, old.Gid, old.Name, placements, old.ParentGid);
                    Apply(ws, engine, task);
                    return $"replace task {task.Gid}";
                }

                case 3:
                {
                    // Move a task under another parent (never into its own subtree) or make it top-level.
                    if (ws.Tasks.Count == 0)
                    {
                        continue;
                    }

                    var moved = ws.Tasks[random.Next(ws.Tasks.Count)];
                    var subtree = Subtree(ws, moved.Gid);
                    var parents = ws.Tasks.Where(t => !subtree.Contains(t.Gid)).ToList();
                    var newParent = parents.Count > 0 && random.NextDouble() < 0.7 ? parents[random.Next(parents.Count)].Gid : null;
                    var task = moved with { ParentGid = newParent };
                    Apply(ws, engine, task);
                    return $"move task {task.Gid} under {newParent ?? "nothing"}";
                }

                case 4:
                {
                    if (ws.Tasks.Count == 0)
                    {
                        continue;
                    }

                    var gid = ws.Tasks[random.Next(ws.Tasks.Count)].Gid;
                    engine.RemoveTask(gid);
                    ws.RemoveTask(gid);
                    return $"remove task {gid} with its subtasks";
                }

                case 5:
                case 6:
                {
                    // Change a project's privacy, team and memberships.
                    if (ws.Projects.Count == 0)
                    {
                        continue;
                    }

                    var old = ws.Projects[random.Next(ws.Projects.Count)];
                    var changed = RandomWorkspaceGenerator.RandomProject(random, ws, old.Gid, old.Name);
                    var memberships = random.NextDouble() < 0.3
                        ? ws.ProjectMemberships.Where(pm => pm.ProjectGid == old.Gid).ToList()
                        : RandomWorkspaceGenerator.RandomProjectMemberships(random, ws, old.Gid);
                    engine.UpsertProject(changed, memberships);
                    ws.UpsertProject(changed, memberships);
                    return $"project {old.Gid}: {old.PrivacySetting}/{old.TeamGid ?? "-"} -> {changed.PrivacySetting}/{changed.TeamGid ?? "-"}, {memberships.Count} members";
                }

                case 7:
                {
                    // A new project; half of the time it is one that tasks already named but the data lacked.
                    var missing = ws.Tasks.SelectMany(t => t.Memberships).Select(m => m.ProjectGid)
                        .Where(p => ws.Projects.All(x => x.Gid != p)).Distinct().ToList();
                    var gid = missing.Count > 0 && random.NextDouble() < 0.5 ? missing[random.Next(missing.Count)] : ids.Next();
                    var project = RandomWorkspaceGenerator.RandomProject(random, ws, gid, "new project");
                    var memberships = RandomWorkspaceGenerator.RandomProjectMemberships(random, ws, gid);
                    engine.UpsertProject(project, memberships);
                    ws.UpsertProject(project, memberships);
                    var section = new SectionRecord(ids.Next(), "new section", gid);
                    engine.UpsertSection(section);
                    ws.UpsertSection(section);
                    return $"add project {gid} ({project.PrivacySetting}, team {project.TeamGid ?? "-"})";
                }

                case 8:
                {
                    if (ws.Projects.Count == 0)
                    {
                        continue;
                    }

                    var gid = ws.Projects[random.Next(ws.Projects.Count)].Gid;
                    engine.RemoveProject(gid);
                    ws.RemoveProject(gid);
                    return $"remove project {gid}";
                }

                case 9:
                case 10:
                {
                    // Deactivate, reactivate, change role, or give a membership to a user who had none.
                    if (ws.Users.Count == 0)
                    {
                        continue;
                    }

                    var user = ws.Users[random.Next(ws.Users.Count)];
                    var old = ws.WorkspaceMemberships.Find(m => m.UserGid == user.Gid);
                    var isGuest = org && (old?.IsGuest ?? false);
                    if (org && random.NextDouble() < 0.25)
                    {
                        isGuest = !isGuest;
                    }

                    var membership = new WorkspaceMembershipRecord(
                        user.Gid,
                        IsActive: old is null || !old.IsActive || random.NextDouble() < 0.2,
                        IsAdmin: !isGuest && random.NextDouble() < 0.2,
                        IsGuest: isGuest);
                    engine.UpsertUser(user, membership);
                    ws.UpsertUser(user, membership);
                    return $"user {user.Gid}: {(old is null ? "no membership" : $"active={old.IsActive} guest={old.IsGuest}")} -> active={membership.IsActive} guest={membership.IsGuest} admin={membership.IsAdmin}";
                }

                case 11:
                {
                    // Change a team's members, or add a team.
                    if (!org)
                    {
                        continue;
                    }

                    var team = ws.Teams.Count > 0 && random.NextDouble() < 0.7
                        ? ws.Teams[random.Next(ws.Teams.Count)]
                        : new TeamRecord(ids.Next(), "new team");
                    var memberships = RandomWorkspaceGenerator.RandomTeamMemberships(random, ws, team.Gid);
                    engine.UpsertTeam(team, memberships);
                    ws.UpsertTeam(team, memberships);
                    return $"team {team.Gid}: {memberships.Count} members";
                }

                case 12:
                {
                    if (ws.Teams.Count == 0)
                    {
                        continue;
                    }

                    var gid = ws.Teams[random.Next(ws.Teams.Count)].Gid;
                    engine.RemoveTeam(gid);
                    ws.RemoveTeam(gid);
                    return $"remove team {gid}";
                }

                case 14:
                {
                    // Change a portfolio's members and projects, or add a portfolio.
                    var portfolio = ws.Portfolios.Count > 0 && random.NextDouble() < 0.7
                        ? ws.Portfolios[random.Next(ws.Portfolios.Count)]
                        : new PortfolioRecord(ids.Next(), "new portfolio");
                    var memberships = RandomWorkspaceGenerator.RandomPortfolioMemberships(random, ws, portfolio.Gid);
                    var settings = RandomWorkspaceGenerator.RandomPortfolioSettings(random, ws, portfolio.Gid, ids);
                    engine.UpsertPortfolio(portfolio, memberships, settings);
                    ws.UpsertPortfolio(portfolio, memberships, settings);
                    return $"portfolio {portfolio.Gid}: {memberships.Count} members, {settings.Count(s => s.IsAccessControlInherited)} shared projects";
                }

                case 15:
                {
                    if (ws.Portfolios.Count == 0)
                    {
                        continue;
                    }

                    var gid = ws.Portfolios[random.Next(ws.Portfolios.Count)].Gid;
                    engine.RemovePortfolio(gid);
                    ws.RemovePortfolio(gid);
                    return $"remove portfolio {gid}";
                }

                default:
                {
                    // Sections change nothing about visibility, but must not disturb it either.
                    if (ws.Sections.Count > 0 && random.NextDouble() < 0.5)
                    {
                        var gid = ws.Sections[random.Next(ws.Sections.Count)].Gid;
                        engine.RemoveSection(gid);
                        ws.RemoveSection(gid);
                        return $"remove section {gid}";
                    }

                    if (ws.Projects.Count == 0)
                    {
                        continue;
                    }

                    var section = new SectionRecord(ids.Next(), "added section", ws.Projects[random.Next(ws.Projects.Count)].Gid);
                    engine.UpsertSection(section);
                    ws.UpsertSection(section);
                    return $"add section {section.Gid}";
                }
            }
        }
    }

    private static void Apply(RandomWorkspace ws, WorkspacePermissions engine, TaskRecord task)
    {
        engine.UpsertTask(task);
        ws.UpsertTask(task);
    }

    private static HashSet<string> Subtree(RandomWorkspace ws, string root)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { root };
        var grew = true;
        while (grew)
        {
            grew = false;
            foreach (var t in ws.Tasks)
            {
                if (t.ParentGid is not null && result.Contains(t.ParentGid) && result.Add(t.Gid))
                {
                    grew = true;
                }
            }
        }

        return result;
    }

    /// <summary>The sequences of every seed, run once per test run (a class fixture, not a static: see <see cref="DifferentialTests.Runs"/>).</summary>
    public sealed class Runs
    {
        public Lazy<MismatchLog> Results { get; } = new(RunAllSeeds);
    }
}
