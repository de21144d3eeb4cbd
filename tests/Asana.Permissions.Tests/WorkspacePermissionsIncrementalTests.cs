using Asana.Permissions.Sources;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests;

/// <summary>Every incremental update must leave the engine answering exactly as a fresh build of the resulting data.</summary>
public sealed class WorkspacePermissionsIncrementalTests
{
    private static readonly string[] OperationNames =
    [
        "UpsertTask.new", "UpsertTask.move", "UpsertTask.reparent", "UpsertTask.collaborators", "RemoveTask.tree",
        "UpsertProject.privacy", "UpsertProject.members", "UpsertProject.new", "RemoveProject", "UpsertSection", "RemoveSection",
        "UpsertUser.deactivate", "UpsertUser.guest", "UpsertUser.new", "UpsertTeam.members", "UpsertTeam.new", "RemoveTeam",
    ];

    public static TheoryData<string> Operations => new(OperationNames);

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_AfterWarmCaches_MatchesFreshBuild(string operation)
    {
        for (var seed = 1; seed <= 6; seed++)
        {
            var mirror = RandomWorkspaces.Create(seed);
            var engine = mirror.Engine(projectless: seed % 2 == 0);
            WarmUp(engine, mirror.Build());
            var random = new Random(seed * 31);

            Apply(operation, random, engine, mirror);

            var data = mirror.Build();
            var fresh = WorkspacePermissions.Build(data, engine.Options);
            EngineComparison.AssertSameAnswers(engine, fresh, data, ["k1", "k2", "k3", "new-task"]);
            engine.ToWorkspaceData().Should().BeEquivalentTo(data, "ToWorkspaceData returns the current inputs");
        }
    }

    [Fact]
    public void RandomSequence_OfAllOperations_MatchesFreshBuildAfterEachStep()
    {
        var mirror = RandomWorkspaces.Create(99);
        var engine = mirror.Engine();
        var random = new Random(7);
        var operations = OperationNames;
        for (var step = 0; step < 25; step++)
        {
            WarmUp(engine, mirror.Build());
            Apply(operations[random.Next(operations.Length)], random, engine, mirror);
            var data = mirror.Build();
            EngineComparison.AssertSameAnswers(engine, WorkspacePermissions.Build(data), data);
        }
    }

    [Fact]
    public void RemoveTask_WithNestedSubtasks_RemovesWholeTree()
    {
        var b = new WorkspaceBuilder().User("u1").Task("a", assignee: "u1").Task("b", parent: "a").Task("c", parent: "b").Task("d", assignee: "u1");
        var engine = b.Engine();

        engine.RemoveTask("a");

        engine.ListAccessible("u1").Should().Equal("d");
        engine.GetTicket("c").Should().BeNull();
        engine.ToWorkspaceData().Tasks.Select(t => t.Gid).Should().Equal("d");
    }

    [Fact]
    public void UpsertUser_Deactivation_RevokesEverything()
    {
        var b = new WorkspaceBuilder().User("u1").Project("p", "Launch", PrivacySettings.PublicToWorkspace).Task("t", projects: ["p"]);
        var engine = b.Engine();
        engine.CanView("u1", "t").Should().BeTrue();

        engine.UpsertUser(new UserRecord("u1", "User u1", null), new WorkspaceMembershipRecord("u1", false, false, false));

        engine.CanView("u1", "t").Should().BeFalse();
        engine.ListAccessible("u1").Should().BeEmpty();
        engine.GetUserPrincipalTokens("u1").Should().BeEmpty();
    }

    private static void WarmUp(WorkspacePermissions engine, WorkspaceData data)
    {
        foreach (var user in EngineComparison.UserCandidates(data))
        {
            engine.ListAccessible(user);
            foreach (var task in data.Tasks)
            {
                engine.CanView(user, task.Gid);
            }
        }

        engine.ToMergeModel();
    }

    private static void Apply(string operation, Random random, WorkspacePermissions engine, WorkspaceBuilder mirror)
    {
        string U() => "u" + random.Next(14);
        string P() => "p" + random.Next(8);
        string T() => "t" + random.Next(4);
        TaskRecord ExistingTask() => mirror.Tasks[random.Next(mirror.Tasks.Count)];

        void UpsertTask(TaskRecord task)
        {
            engine.UpsertTask(task);
            mirror.UpsertTask(task);
        }

        void UpsertProject(ProjectRecord project, ProjectMembershipRecord[] memberships)
        {
            engine.UpsertProject(project, memberships);
            mirror.UpsertProject(project, memberships);
        }

        ProjectMembershipRecord[] RandomProjectMembers(string project) =>
        [
            new(project, U(), MemberKind.User),
            new(project, U(), MemberKind.User),
            new(project, T(), MemberKind.Team),
        ];

        TeamMembershipRecord[] RandomTeamMembers(string team) => [new(team, U(), false, false), new(team, U(), true, false), new(team, "newcomer", false, false)];

        switch (operation)
        {
            case "UpsertTask.new":
                UpsertTask(RandomWorkspaces.RandomTask(random, "new-task", mirror.Tasks.Count) with { ParentGid = "k1" });
                UpsertTask(RandomWorkspaces.RandomTask(random, "new-root", mirror.Tasks.Count) with { ParentGid = null, Memberships = [] });
                break;
            case "UpsertTask.move":
                UpsertTask(ExistingTask() with { Memberships = [new TaskPlacement(P(), null), new TaskPlacement(P(), "s0")] });
                break;
            case "UpsertTask.reparent":
                UpsertTask(ExistingTask() with { ParentGid = mirror.Tasks[random.Next(mirror.Tasks.Count)].Gid });
                UpsertTask(ExistingTask() with { ParentGid = null });
                break;
            case "UpsertTask.collaborators":
                UpsertTask(ExistingTask() with { AssigneeGid = U(), FollowerGids = [U(), "stranger"] });
                UpsertTask(ExistingTask() with { AssigneeGid = null, FollowerGids = [] });
                break;
            case "RemoveTask.tree":
                var doomed = mirror.Tasks.FirstOrDefault(t => mirror.Tasks.Any(c => c.ParentGid == t.Gid)) ?? ExistingTask();
                engine.RemoveTask(doomed.Gid);
                mirror.RemoveTask(doomed.Gid);
                engine.RemoveTask("never-existed");
                break;
            case "UpsertProject.privacy":
                var existing = mirror.Projects[random.Next(mirror.Projects.Count)];
                UpsertProject(existing with { PrivacySetting = RandomWorkspaces.Privacies[random.Next(4)], TeamGid = T() },
                    [.. mirror.ProjectMemberships.Where(m => m.ProjectGid == existing.Gid)]);
                break;
            case "UpsertProject.members":
                var target = mirror.Projects[random.Next(mirror.Projects.Count)];
                UpsertProject(target, RandomProjectMembers(target.Gid));
                break;
            case "UpsertProject.new":
                UpsertProject(new ProjectRecord("ghost", "Ghost", PrivacySettings.PublicToWorkspace, T(), false), RandomProjectMembers("ghost"));
                UpsertProject(new ProjectRecord("p-new", "New", PrivacySettings.PrivateToTeam, T(), false), RandomProjectMembers("p-new"));
                UpsertTask(WorkspaceBuilder.NewTask("k2", followers: [U()], projects: ["p-new"]));
                break;
            case "RemoveProject":
                var removed = P();
                engine.RemoveProject(removed);
                mirror.RemoveProject(removed);
                break;
            case "UpsertSection":
                var section = new SectionRecord("s" + random.Next(8), "Moved", P());
                engine.UpsertSection(section);
                mirror.UpsertSection(section);
                break;
            case "RemoveSection":
                engine.RemoveSection("s3");
                mirror.RemoveSection("s3");
                break;
            case "UpsertUser.deactivate":
            case "UpsertUser.guest":
            case "UpsertUser.new":
                var gid = operation.EndsWith("new", StringComparison.Ordinal) ? "stranger" : U();
                var user = new UserRecord(gid, "Renamed", gid + "@changed.test");
                var membership = new WorkspaceMembershipRecord(gid, !operation.EndsWith("deactivate", StringComparison.Ordinal), false, operation.EndsWith("guest", StringComparison.Ordinal));
                engine.UpsertUser(user, membership);
                mirror.UpsertUser(user, membership);
                break;
            case "UpsertTeam.members":
            case "UpsertTeam.new":
                var team = operation.EndsWith("new", StringComparison.Ordinal) ? "t-new" : T();
                var members = RandomTeamMembers(team);
                engine.UpsertTeam(new TeamRecord(team, "Renamed"), members);
                mirror.UpsertTeam(new TeamRecord(team, "Renamed"), members);
                UpsertProject(new ProjectRecord("p-team", "Team project", PrivacySettings.PrivateToTeam, team, false), []);
                UpsertTask(WorkspaceBuilder.NewTask("k3", projects: ["p-team"]));
                break;
            case "RemoveTeam":
                var gone = T();
                engine.RemoveTeam(gone);
                mirror.RemoveTeam(gone);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }
}
