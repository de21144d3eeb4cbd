namespace Asana.Sync.Tests;

/// <summary>
/// The quick start (samples/QuickStart/QuickStart.cs, compiled into this project) runs, and README.md shows exactly its
/// marked region. CI compiles and runs the same file against the packed packages (.ci/smoke, .ci/consumer).
/// </summary>
public sealed class QuickStartTests
{
    private const string Begin = "// quick start: begin";
    private const string End = "// quick start: end";

    [Fact]
    public async Task QuickStart_SyncsTheSimulator_AndItsAnswersAgreeWithTheGroundTruth()
    {
        using var db = new TempDatabase();

        var run = () => MyHost.Tests.AsanaQuickStart.RunAsync(db.Path);

        await run.Should().NotThrowAsync();
        File.Exists(db.Path).Should().BeTrue("the quick start syncs into the SQLite file it names");
    }

    [Fact]
    public void Readme_ShowsTheQuickStartFile_Verbatim()
    {
        var root = RepositoryRoot();
        var source = File.ReadAllText(Path.Combine(root, "samples", "QuickStart", "QuickStart.cs")).ReplaceLineEndings("\n");
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");

        var region = Between(source, Begin + "\n", End + "\n");
        region.Should().NotBeNull("QuickStart.cs marks its region with '{0}' and '{1}'", Begin, End);
        var block = Between(readme, "<!-- quick start: samples/QuickStart/QuickStart.cs -->\n```csharp\n", "```\n");
        block.Should().NotBeNull("README.md shows the quick start in a csharp block after its marker comment");

        block.Should().Be(region, "the README's quick start is the file CI compiles and runs; copy the region over after editing it");
    }

    private static string? Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        if (from < 0)
        {
            return null;
        }

        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? null : text[from..to];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Asana.Permissions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Asana.Permissions.sln above " + AppContext.BaseDirectory);
    }
}
