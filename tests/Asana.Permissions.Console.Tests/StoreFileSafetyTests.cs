using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Asana.Permissions.Console.Tests;

public sealed class StoreFileSafetyTests
{
    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task EveryCommand_PointedAtAnotherApplicationsDatabase_FailsInOneLine_AndLeavesItByteIdentical()
    {
        using var temp = new TempFolder();
        var foreign = Path.Combine(temp.Path, "crm.db");
        await using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('Ann');";
            await command.ExecuteNonQueryAsync();
        }

        var before = Hash(foreign);
        string[][] commands =
        [
            ["visible", "--all-users"],
            ["visible", "--user", "1"],
            ["check", "--user", "1", "--ticket", "2"],
            ["explain", "--user", "1", "--ticket", "2"],
            ["search", "--user", "1", "plan"],
            ["export"],
            ["purge", "--workspace", "3"],
        ];
        foreach (var command in commands)
        {
            var run = await Cli.RunAsync([.. command, "--db", foreign]);
            run.ExitCode.Should().Be(1, run.ToString());
            run.Stdout.Should().BeEmpty();
            run.StderrLines.Should().ContainSingle().Which.Should().Be($"error: cannot open database {foreign}: {foreign} is not an Asana.Sync store (it holds other tables); nothing was changed.");
        }

        SqliteConnection.ClearAllPools();
        Hash(foreign).Should().Be(before);
        File.Exists(foreign + "-wal").Should().BeFalse();
    }

    [Fact]
    public async Task ReadCommands_OnAStoreFromANewerVersion_FailInOneLine_AndLeaveItByteIdentical()
    {
        using var temp = new TempFolder();
        using (var store = new Asana.Sync.Sqlite.SqlitePermissionStore(temp.Database))
        {
            await store.InitializeAsync();
        }

        await using (var connection = new SqliteConnection($"Data Source={temp.Database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE; INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01');";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var before = Hash(temp.Database);
        var run = await Cli.RunAsync("visible", "--all-users", "--db", temp.Database);

        run.ExitCode.Should().Be(1, run.ToString());
        run.StderrLines.Should().ContainSingle().Which.Should().Contain("was written by a newer version of Asana.Sync (schema 99");
        SqliteConnection.ClearAllPools();
        Hash(temp.Database).Should().Be(before);
    }
}
