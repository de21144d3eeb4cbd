using Asana.OpenApiSurface;

namespace Asana.Client.Tests.Conformance;

/// <summary>
/// Where Asana's OpenAPI description lies beside the repository (<c>../shared/reference/asana_oas.yaml</c>, as on the
/// developers' machines and in CI), the committed surface file must be exactly what the generator makes of it. A clean
/// clone without it relies on the committed file alone.
/// </summary>
public sealed class ApiSurfaceRegenerationTests
{
    [Fact]
    public async Task CommittedSurface_IsWhatTheGeneratorMakesOfTheSpec_WhenTheSpecIsPresent()
    {
        if (SpecBesideRepository() is not { } spec)
        {
            return;
        }

        var regenerated = ApiSurfaceGenerator.Generate(await ApiSurfaceGenerator.LoadAsync(spec)).ReplaceLineEndings("\n").Split('\n');
        var committed = File.ReadAllText(ApiSurface.CommittedPath).ReplaceLineEndings("\n").Split('\n');

        var firstDifference = Enumerable.Range(0, Math.Max(regenerated.Length, committed.Length))
            .FirstOrDefault(i => i >= regenerated.Length || i >= committed.Length || regenerated[i] != committed[i], -1);
        firstDifference.Should().Be(
            -1,
            "the committed surface is stale at line {0} (committed: {1}; from the spec: {2}); regenerate with " +
            "'dotnet run --project tests/tools/Asana.OpenApiSurface'",
            firstDifference + 1,
            firstDifference >= 0 && firstDifference < committed.Length ? committed[firstDifference] : "(end)",
            firstDifference >= 0 && firstDifference < regenerated.Length ? regenerated[firstDifference] : "(end)");
    }

    private static string? SpecBesideRepository()
    {
        var root = ApiSurfaceGenerator.FindRepositoryRoot(AppContext.BaseDirectory);
        var spec = root is null ? null : ApiSurfaceGenerator.DefaultSpecPath(root);
        return File.Exists(spec) ? spec : null;
    }
}
