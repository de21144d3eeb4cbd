using System.Text.Json;

namespace Asana.Permissions.Console.Tests;

public sealed class ChangeFeedCommandTests
{
    [Fact]
    public async Task Changes_PagedWithSince_HoldsWhatExportHolds_ThenReportsADeletionAfterTheNextSync()
    {
        await using var sim = await Simulation.StartAsync(seed: 5);
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);

        var index = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var (cursor, pages) = await CatchUpAsync(temp.Database, null, index);
        pages.Should().BeGreaterThan(1, "40 changes a page cannot hold a whole workspace");

        var export = await Cli.RunAsync("export", "--db", temp.Database);
        using (var json = export.Json())
        {
            var tickets = json.RootElement.GetProperty("tickets").EnumerateArray().Select(t => "ticket:" + t.GetProperty("remote_id").GetString());
            var collections = json.RootElement.GetProperty("collections").EnumerateArray().Select(c => "collection:" + c.GetProperty("remote_id").GetString());
            index.Keys.Should().BeEquivalentTo(tickets.Concat(collections));
        }

        var deleted = sim.Organization.GetProjectTaskGids(sim.Organization.GetProjectGids()[0])[0];
        sim.Organization.DeleteTask(deleted);
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);

        var next = await Cli.RunAsync("changes", "--since", cursor, "--db", temp.Database);
        next.ExitCode.Should().Be(0, next.ToString());
        using var page = next.Json();
        var change = page.RootElement.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("remote_id").GetString() == deleted);
        change.GetProperty("kind").GetString().Should().Be("ticket");
        change.GetProperty("deleted").GetBoolean().Should().BeTrue();
        change.GetProperty("model").ValueKind.Should().Be(JsonValueKind.Null);
        page.RootElement.GetProperty("has_more").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Changes_WithABadCursorOrLimit_FailsInOneLine_WithoutEchoingIt()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);

        var garbage = await Cli.RunAsync("changes", "--since", "s3cr3t-looking-thing", "--db", temp.Database);
        garbage.ExitCode.Should().Be(1, garbage.ToString());
        garbage.Stdout.Should().BeEmpty();
        garbage.StderrLines.Should().ContainSingle().Which.Should().Contain("not a change feed cursor").And.NotContain("s3cr3t");

        var limit = await Cli.RunAsync("changes", "--limit", "0", "--db", temp.Database);
        limit.ExitCode.Should().Be(2, limit.ToString());
        limit.Stdout.Should().BeEmpty();
    }

    /// <summary>Runs <c>changes</c> page after page as a host would; returns the last cursor and the number of pages.</summary>
    private static async Task<(string Cursor, int Pages)> CatchUpAsync(string database, string? cursor, Dictionary<string, JsonElement> index)
    {
        var pages = 0;
        while (true)
        {
            string[] args = cursor is null ? ["changes", "--limit", "40", "--db", database] : ["changes", "--limit", "40", "--since", cursor, "--db", database];
            var run = await Cli.RunAsync(args);
            run.ExitCode.Should().Be(0, run.ToString());
            pages++;
            using var json = run.Json();
            json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("changes", "next_cursor", "has_more");
            foreach (var change in json.RootElement.GetProperty("changes").EnumerateArray())
            {
                var key = change.GetProperty("kind").GetString() + ":" + change.GetProperty("remote_id").GetString();
                if (change.GetProperty("deleted").GetBoolean())
                {
                    index.Remove(key);
                }
                else
                {
                    change.GetProperty("model").GetProperty("remote_id").GetString().Should().Be(change.GetProperty("remote_id").GetString());
                    index[key] = change.Clone();
                }
            }

            cursor = json.RootElement.GetProperty("next_cursor").GetString()!;
            if (!json.RootElement.GetProperty("has_more").GetBoolean())
            {
                return (cursor, pages);
            }
        }
    }
}
