using System.Security.Cryptography;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Microsoft.Data.Sqlite;

namespace Asana.Sync.Tests.Sqlite;

public sealed class SqliteStoreFileSafetyTests
{
    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static void CreateForeignDatabase(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5);";
        command.ExecuteNonQuery();
    }

    private static async Task<PermissionStoreException> RefusedAsync(SqlitePermissionStore store) =>
        (PermissionStoreException)(await Record.ExceptionAsync(() => store.ListWorkspacesAsync()))!;

    [Fact]
    public async Task AnotherApplicationsDatabase_IsRefused_ReadOnlyOrNot_AndStaysByteIdentical()
    {
        using var db = new TempDatabase();
        CreateForeignDatabase(db.Path);
        var before = Hash(db.Path);

        using (var reader = SqlitePermissionStore.OpenReadOnly(db.Path))
        {
            var error = await RefusedAsync(reader);
            error.Error.Should().Be(PermissionStoreError.NotAStore);
            error.Message.Should().Be($"{db.Path} is not an Asana.Sync store (it holds other tables); nothing was changed.");
        }

        using (var writer = db.Open())
        {
            (await RefusedAsync(writer)).Error.Should().Be(PermissionStoreError.NotAStore);
        }

        SqliteConnection.ClearAllPools();
        Hash(db.Path).Should().Be(before);
        File.Exists(db.Path + "-wal").Should().BeFalse("the journal mode was not switched to WAL");
    }

    [Fact]
    public async Task AStoreFromANewerVersion_IsRefused_AndStaysByteIdentical()
    {
        using var db = new TempDatabase();
        using (var store = db.Open())
        {
            await store.InitializeAsync();
        }

        await using (var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE; INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01');";
            await command.ExecuteNonQueryAsync();
        }

        var before = Hash(db.Path);
        using (var reader = SqlitePermissionStore.OpenReadOnly(db.Path))
        {
            var error = await RefusedAsync(reader);
            error.Error.Should().Be(PermissionStoreError.NewerVersion);
            error.Message.Should().Be($"{db.Path} was written by a newer version of Asana.Sync (schema 99; this version knows up to {SqlitePermissionStore.CurrentSchemaVersion}).");
        }

        using (var writer = db.Open())
        {
            (await RefusedAsync(writer)).Error.Should().Be(PermissionStoreError.NewerVersion);
        }

        SqliteConnection.ClearAllPools();
        Hash(db.Path).Should().Be(before);
    }

    [Fact]
    public async Task AFileThatIsNoDatabase_IsRefused_AndStaysByteIdentical()
    {
        using var db = new TempDatabase();
        await File.WriteAllTextAsync(db.Path, "name,total\nAnn,12.5\n, this is a CSV file with enough bytes to fill a SQLite header......\n");
        var before = Hash(db.Path);

        using (var reader = SqlitePermissionStore.OpenReadOnly(db.Path))
        {
            (await RefusedAsync(reader)).Error.Should().Be(PermissionStoreError.NotAStore);
        }

        using (var writer = db.Open())
        {
            (await RefusedAsync(writer)).Error.Should().Be(PermissionStoreError.NotAStore);
        }

        SqliteConnection.ClearAllPools();
        Hash(db.Path).Should().Be(before);
    }

    [Fact]
    public async Task AReadOnlyOpen_NeverCreatesMigratesOrWrites()
    {
        using var db = new TempDatabase();
        using (var missing = SqlitePermissionStore.OpenReadOnly(db.Path))
        {
            (await RefusedAsync(missing)).Error.Should().Be(PermissionStoreError.Missing);
        }

        File.Exists(db.Path).Should().BeFalse();

        using (var store = db.Open())
        {
            await SqlitePermissionStoreTests.WriteAsync(store, new Asana.Permissions.Sources.WorkspaceData(
                new Asana.Permissions.Sources.WorkspaceRecord("100", "Acme", true), [], [], [], [], [], [], [], []));
        }

        // An older store: a read-only open reports it instead of migrating it.
        await using (var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM schema_migrations WHERE version = {SqlitePermissionStore.CurrentSchemaVersion};";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var before = Hash(db.Path);
        using (var reader = SqlitePermissionStore.OpenReadOnly(db.Path))
        {
            (await RefusedAsync(reader)).Error.Should().Be(PermissionStoreError.OlderVersion);
        }

        SqliteConnection.ClearAllPools();
        Hash(db.Path).Should().Be(before);
    }

    [Fact]
    public async Task AReadOnlyStore_RefusesEveryWrite()
    {
        using var db = new TempDatabase();
        using (var store = db.Open())
        {
            await store.InitializeAsync();
        }

        using var reader = SqlitePermissionStore.OpenReadOnly(db.Path);
        (await reader.ListWorkspacesAsync()).Should().BeEmpty();
        var writes = new Func<Task>[]
        {
            () => reader.BeginSyncAsync("100", 0),
            () => reader.PurgeAsync("100"),
            () => reader.TryAcquireSyncLeaseAsync("100", "me", TimeSpan.FromMinutes(1)),
        };
        foreach (var write in writes)
        {
            (await Record.ExceptionAsync(write)).Should().BeOfType<PermissionStoreException>().Which.Error.Should().Be(PermissionStoreError.ReadOnly);
        }
    }
}
