using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Asana.Permissions.Console.Cli;
using Asana.Sync.PostgreSql.Tests;
using Npgsql;

namespace Asana.Permissions.Console.Tests;

/// <summary>Every command with <c>--db postgresql://...</c>: the same answers as with a SQLite file, and one-line failures without the password.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlCommandTests(PostgreSqlServer server) : IAsyncLifetime
{
    private const string Password = "Pa55:w@rd/visible";
    private readonly List<string> _databases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await server.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task SyncThenEveryReadCommand_AnswerAsFromASqliteFile()
    {
        await using var sim = await Simulation.StartAsync(5);
        using var temp = new TempFolder();
        var uri = await NewDatabaseUriAsync();
        var sync = await Cli.RunAsync(sim.SyncArgs(uri));
        sync.ExitCode.Should().Be(0, sync.ToString());
        sync.Stderr.Should().Contain("the PostgreSQL database");
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);

        // visible: the ground truth, for every user.
        var all = await Cli.RunAsync("visible", "--all-users", "--db", uri);
        all.ExitCode.Should().Be(0, all.ToString());
        var actual = JsonNode.Parse(all.Stdout)!.AsObject().ToDictionary(p => p.Key, p => p.Value!.AsArray().Select(e => (string)e!).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var expected = sim.Expected();
        actual.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (user, visible) in expected)
        {
            actual[user].Should().BeEquivalentTo(visible, $"user {user}");
        }

        // check, explain, search, export: the same output as from the SQLite file.
        var data = sim.Organization.ToWorkspaceData();
        var member = data.Users.First(u => u.Email is not null && expected[u.Gid].Count > 0);
        var allowed = expected[member.Gid].Order(StringComparer.Ordinal).First();
        var denied = data.Tasks.Select(t => t.Gid).First(t => !expected[member.Gid].Contains(t) && !Simulation.Undiscoverable(data).Contains(t));
        var word = data.Tasks.First(t => t.Gid == allowed).Name.Split(' ')[0];
        string[][] commands =
        [
            ["check", "--user", member.Email!, "--ticket", allowed],
            ["check", "--user", member.Gid, "--ticket", denied],
            ["explain", "--user", member.Gid, "--ticket", allowed],
            ["visible", "--user", member.Email!],
        ];
        foreach (var command in commands)
        {
            var fromPostgres = await Cli.RunAsync([.. command, "--db", uri]);
            var fromSqlite = await Cli.RunAsync([.. command, "--db", temp.Database]);
            fromPostgres.ExitCode.Should().Be(0, fromPostgres.ToString());
            fromPostgres.Stdout.Should().Be(fromSqlite.Stdout, string.Join(' ', command));
        }

        var check = await Cli.RunAsync("check", "--user", member.Gid, "--ticket", allowed, "--db", uri);
        JsonNode.Parse(check.Stdout)!["allowed"]!.GetValue<bool>().Should().BeTrue();
        // search: the same hits (each store ranks and cuts its snippets its own way).
        var search = await Cli.RunAsync("search", "--user", member.Gid, word, "--db", uri);
        search.ExitCode.Should().Be(0, search.ToString());
        var hits = JsonNode.Parse(search.Stdout)!.AsArray().Select(h => (string)h!["remote_id"]!).ToList();
        hits.Should().Contain(allowed).And.OnlyContain(t => expected[member.Gid].Contains(t));
        var sqliteSearch = await Cli.RunAsync("search", "--user", member.Gid, word, "--db", temp.Database);
        hits.Should().BeEquivalentTo(JsonNode.Parse(sqliteSearch.Stdout)!.AsArray().Select(h => (string)h!["remote_id"]!));

        // export: the same document (PostgreSQL keeps the rows as jsonb, so compare the JSON, not the bytes).
        var exported = await Cli.RunAsync("export", "--db", uri);
        exported.ExitCode.Should().Be(0, exported.ToString());
        var reference = await Cli.RunAsync("export", "--db", temp.Database);
        JsonNode.DeepEquals(JsonNode.Parse(exported.Stdout), JsonNode.Parse(reference.Stdout)).Should().BeTrue();

        var purge = await Cli.RunAsync("purge", "--workspace", sim.Workspace, "--db", uri);
        purge.ExitCode.Should().Be(0, purge.ToString());
        var after = await Cli.RunAsync("visible", "--all-users", "--db", uri);
        after.ExitCode.Should().Be(1);
        after.Stderr.Should().Contain("holds no synced workspace");
    }

    [Fact]
    public async Task AnUnreachableServer_FailsEveryCommandInOneLine_WithoutThePassword()
    {
        await using var sim = await Simulation.StartAsync(5);
        var uri = $"postgresql://alice:{Uri.EscapeDataString(Password)}@127.0.0.1:{ClosedPort()}/asana";
        string[][] commands =
        [
            sim.SyncArgs(uri),
            ["visible", "--all-users", "--db", uri],
            ["visible", "--user", "123", "--db=" + uri],
            ["check", "--user", "123", "--ticket", "1", "--db", uri],
            ["explain", "--user", "123", "--ticket", "1", "--db", uri],
            ["search", "--user", "123", "launch", "--db", uri],
            ["export", "--db", uri],
            ["purge", "--workspace", "1", "--db", uri],
        ];
        foreach (var command in commands)
        {
            var run = await Cli.RunAsync(command);
            run.ExitCode.Should().Be(ExitCodes.Failure, run.ToString());
            run.Stdout.Should().BeEmpty();
            run.StderrLines.Should().ContainSingle(command[0]).Which.Should().StartWith("error: cannot open the PostgreSQL database asana on 127.0.0.1:");
            ShouldNotShowThePassword(run);
        }
    }

    [Fact]
    public async Task AMissingDatabase_OrAnEmptyOne_FailsInOneLine_WithoutThePassword()
    {
        var builder = new NpgsqlConnectionStringBuilder(server.AdminConnectionString);
        var missing = $"postgresql://{Uri.EscapeDataString(builder.Username!)}:{Uri.EscapeDataString(Password)}@{builder.Host}:{builder.Port}/no_such_database";
        var run = await Cli.RunAsync("visible", "--all-users", "--db", missing);
        run.ExitCode.Should().Be(ExitCodes.Failure, run.ToString());
        run.StderrLines.Should().ContainSingle().Which.Should().Contain("no_such_database");
        ShouldNotShowThePassword(run);

        var empty = await NewDatabaseUriAsync();
        var none = await Cli.RunAsync("export", "--db", empty);
        none.ExitCode.Should().Be(ExitCodes.Failure, none.ToString());
        none.StderrLines.Should().ContainSingle().Which.Should().Contain("holds no store (run 'sync' first)");
    }

    [Theory]
    [InlineData("postgresql://")]
    [InlineData("postgresql://alice:Pa55:w@rd@/asana")]
    [InlineData("postgresql://alice:Pa55:w@rd@127.0.0.1:port/asana")]
    [InlineData("postgres://alice:Pa55:w@rd@127.0.0.1/")]
    [InlineData("postgresql://alice:Pa55:w@rd@127.0.0.1/asana?nonsense_key=Pa55:w@rd")]
    public async Task AMalformedUri_IsAUsageError_WithoutThePassword(string uri)
    {
        var run = await Cli.RunAsync("visible", "--all-users", "--db", uri);

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: --db");
        run.ToString().Should().NotContain("Pa55");
    }

    private static void ShouldNotShowThePassword(ConsoleRun run)
    {
        var text = run.ToString();
        text.Should().NotContain("Pa55");
        text.Should().NotContain(Uri.EscapeDataString(Password));
    }

    private async Task<string> NewDatabaseUriAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        _databases.Add(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var password = string.IsNullOrEmpty(builder.Password) ? string.Empty : ":" + Uri.EscapeDataString(builder.Password);
        return $"postgresql://{Uri.EscapeDataString(builder.Username!)}{password}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>A loopback port nobody listens on (taken and released at once).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
