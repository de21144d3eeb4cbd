using System.Text.RegularExpressions;

namespace Asana.Sync.Tests.Storage;

/// <summary>
/// docs/custom-stores.md shows files of this repository verbatim: each code block that follows a
/// <c>&lt;!-- verbatim: PATH --&gt;</c> line must equal that file, so the docs cannot drift from the code the tests run.
/// </summary>
public sealed partial class CustomStoresDocTests
{
    [Fact]
    public void EveryVerbatimCodeBlock_EqualsItsFile()
    {
        var root = RepositoryRoot();
        var doc = Normalize(File.ReadAllText(Path.Combine(root, "docs", "custom-stores.md")));

        var blocks = VerbatimBlock().Matches(doc);

        blocks.Select(m => m.Groups["path"].Value).Should().Contain("tests/Asana.Sync.Tests/Storage/InMemoryPermissionStore.cs");
        foreach (Match block in blocks)
        {
            var path = block.Groups["path"].Value;
            var file = Normalize(File.ReadAllText(Path.Combine(root, path)));
            block.Groups["code"].Value.Should().Be(file.TrimEnd('\n'), $"docs/custom-stores.md shows {path} as it is");
        }
    }

    [GeneratedRegex(@"<!-- verbatim: (?<path>\S+) -->\n```[a-z]*\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex VerbatimBlock();

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Asana.Permissions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Asana.Permissions.sln above {AppContext.BaseDirectory}.");
    }
}
