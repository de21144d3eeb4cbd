namespace Asana.Permissions.Console.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_SyncsOverHttp_ExplainsDecisions_AndFindsNoOverOrUnderGrants()
    {
        using var temp = new TempFolder();
        var run = await Cli.RunAsync("demo", "--db", temp.Database);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("0 over-grants, 0 under-grants")
            .And.Contain("DENIED").And.Contain("ALLOWED")
            .And.Contain("incremental sync");
        run.Stdout.Split("0 over-grants, 0 under-grants").Length.Should().Be(3, "verified after the full and after the incremental sync");
        run.Stdout.Should().NotContain("simulated-asana-token");

        // The demo's store answers the reading commands.
        var export = await Cli.RunAsync("export", "--db", temp.Database);
        export.ExitCode.Should().Be(0);
        using var json = export.Json();
        json.RootElement.GetProperty("tickets").GetArrayLength().Should().BeGreaterThan(1000);
    }
}
