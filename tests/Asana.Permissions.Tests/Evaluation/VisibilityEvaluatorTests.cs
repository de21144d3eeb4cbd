using Asana.Permissions.Evaluation;
using Asana.Permissions.Graph;
using Asana.Permissions.Sources;
using Asana.Permissions.Tests.Differential;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests.Evaluation;

/// <summary>
/// The evaluator's two views of project visibility (the inverse index CanView reads, and the grant walk) agree; and the
/// engine answers at the exact edge of its arrays and after growing them.
/// </summary>
public sealed class VisibilityEvaluatorTests
{
    [Fact]
    public void VisibleProjects_RandomWorkspaces_EqualTheGrantWalk_ForEveryUserAndProject()
    {
        var problems = new List<string>();
        for (var seed = 1; seed <= 300 && problems.Count < 8; seed++)
        {
            var data = RandomWorkspaceGenerator.Generate(seed).ToData();
            var graph = new WorkspaceGraph(data);
            graph.Load(data);
            var evaluator = new VisibilityEvaluator(graph, EvaluationOptions.Default);
            for (var user = 0; user < graph.UserIds.Count; user++)
            {
                var index = evaluator.VisibleProjects(user);
                for (var project = 0; project < graph.ProjectIds.Count; project++)
                {
                    if (index.Contains(project) != evaluator.IsProjectVisible(user, project))
                    {
                        problems.Add($"seed {seed}: user {graph.UserIds.GidAt(user)}, project {graph.ProjectIds.GidAt(project)}: index {index.Contains(project)}, walk {!index.Contains(project)}");
                    }
                }
            }
        }

        problems.Should().BeEmpty();
    }

    [Fact]
    public void Engine_WithEveryArrayExactlyFull_AnswersEveryQuestion()
    {
        // No listed user: the user index starts with room for 16, and 16 members known by their memberships fill it.
        // Likewise 16 parents known only by reference fill the task index to its last slot.
        var users = Enumerable.Range(0, 16).Select(i => $"u{i}").ToArray();
        var memberships = users.Select(u => new WorkspaceMembershipRecord(u, true, false, false)).ToList();
        var tasks = Enumerable.Range(0, 16).Select(i => new TaskRecord($"t{i}", "T", users[i], [], [], $"missing-parent-{i}"))
            .Append(new TaskRecord("loose", "Loose", null, [], [], null)).ToList();
        var data = new WorkspaceData(new WorkspaceRecord("1", "Acme", true), [], memberships, [], [], [], [], [], tasks);
        var graph = new WorkspaceGraph(data);
        graph.Load(data);
        graph.UserIds.Count.Should().Be(graph.UserIds.Capacity);
        graph.TaskIds.Count.Should().Be(graph.TaskIds.Capacity);
        var engine = WorkspacePermissions.Build(data, new EvaluationOptions(ProjectlessTasksVisibleToMembers: true));

        engine.ListAccessible("u3").Should().Equal("loose", "t3");
        engine.ListPrincipals("loose").Should().BeEquivalentTo(users);
        engine.ListPrincipals("t15").Should().Equal("u15");
    }

    [Fact]
    public void Upserts_OfManyNewUsers_GrowTheEvaluator_AndEachAnswersRightAway()
    {
        var builder = new WorkspaceBuilder().User("gina")
            .Project("p", "P", PrivacySettings.PublicToWorkspace)
            .Task("t", projects: ["p"]);
        var engine = builder.Engine();
        engine.CanView("gina", "t").Should().BeTrue();

        for (var i = 0; i < 100; i++)
        {
            var gid = $"new{i}";
            engine.UpsertUser(new UserRecord(gid, gid, null), new WorkspaceMembershipRecord(gid, IsActive: true, IsAdmin: false, IsGuest: i % 2 == 0));
            engine.CanView(gid, "t").Should().Be(i % 2 == 1, "a member sees the public project, a guest does not");
        }

        engine.ListPrincipals("t").Should().HaveCount(51);
    }

    [Fact]
    public void ListAccessible_ThousandsOfTasks_ListsEachOnce()
    {
        var builder = new WorkspaceBuilder().User("gina").Project("p", "P", PrivacySettings.Private, users: ["gina"]);
        for (var i = 0; i < 3000; i++)
        {
            builder.Task($"t{i:D4}", assignee: i % 3 == 0 ? "gina" : null, projects: i % 2 == 0 ? ["p"] : null, parent: i % 5 == 4 ? $"t{i - 1:D4}" : null);
        }

        var engine = builder.Engine();
        var expected = builder.Tasks.Select(t => t.Gid).Where(t => NaiveVisibility.CanView(builder.Build(), "gina", t, false)).Order(StringComparer.Ordinal);

        engine.ListAccessible("gina").Should().Equal(expected);
    }
}
