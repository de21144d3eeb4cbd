using System.Text.Json;
using System.Text.Json.Nodes;
using Asana.Permissions;
using Asana.Simulator;
using Asana.Sync.Storage;
using Json.Schema;

namespace Asana.Sync.Tests.Schema;

/// <summary>The export validates against the committed JSON Schema (tests/Asana.Sync.Tests/Schema/merge-export.schema.json).</summary>
public sealed class ExportSchemaTests
{
    private static readonly JsonSchema Schema =
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schema", "merge-export.schema.json")));

    [Fact]
    public async Task StoreExport_AfterARealSync_ValidatesAgainstTheSchema()
    {
        var org = SimulatedOrganization.Generate(44, OrganizationShape.Small);
        await using var sim = await SimulatedAsana.StartAsync(org, new SimulatorOptions { PremiumSearch = true });
        using var db = new TempDatabase();
        using var store = db.Open();
        using var client = Harness.Client(sim);
        org.UpdateTask(org.GetProjectTaskGids(org.GetProjectGids()[0])[0], completed: true);
        await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid);

        var export = await AsanaSyncEngineTests.ExportAsync(store);

        ShouldBeValid(export);
        using var document = JsonDocument.Parse(export);
        document.RootElement.GetProperty("tickets").GetArrayLength().Should().Be(org.TaskCount, "every ticket was checked");
    }

    [Fact]
    public void ModelExport_OfTheEngine_ValidatesAgainstTheSchema()
    {
        var org = SimulatedOrganization.Generate(45, OrganizationShape.Small);
        var model = WorkspacePermissions.Build(org.ToWorkspaceData()).ToMergeModel();

        ShouldBeValid(MergeJson.ToJson(model, MergeJson.WriteModel));
    }

    public static TheoryData<string> Breakages => new()
    {
        "tickets.0.status=DONE",
        "tickets.0.tags=-",
        "tickets.0.due_date=tomorrow",
        "collections.0.access_level=SECRET",
        "tickets.0.permissions.0.effect=DENIED",
        "tags=-",
        "tickets.0.extra=1",
    };

    /// <summary>The schema is no formality: each broken field of a valid export is refused.</summary>
    [Theory]
    [MemberData(nameof(Breakages))]
    public void BrokenExport_IsRefused(string breakage)
    {
        var org = SimulatedOrganization.Generate(45, OrganizationShape.Small);
        var model = WorkspacePermissions.Build(org.ToWorkspaceData()).ToMergeModel();
        var root = JsonNode.Parse(MergeJson.ToJson(model, MergeJson.WriteModel))!;
        var (path, value) = (breakage[..breakage.IndexOf('=')], breakage[(breakage.IndexOf('=') + 1)..]);
        var steps = path.Split('.');
        JsonNode parent = root;
        foreach (var step in steps[..^1])
        {
            parent = int.TryParse(step, out var index) ? parent[index]! : parent[step]!;
        }

        if (value == "-")
        {
            parent.AsObject().Remove(steps[^1]).Should().BeTrue();
        }
        else
        {
            parent[steps[^1]] = value;
        }

        Schema.Evaluate(JsonDocument.Parse(root.ToJsonString()).RootElement).IsValid.Should().BeFalse(breakage);
    }

    private static void ShouldBeValid(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Evaluate(document.RootElement, new Json.Schema.EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
            .Take(10);
        result.IsValid.Should().BeTrue(string.Join("; ", errors));
    }
}
