using System.Net;
using System.Net.Sockets;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Asana.Sync.PostgreSql.Tests;

/// <summary>What the PostgreSQL store adds to the contract: its messages, several processes, migrations, SQL-side tokens.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPermissionStoreTests(PostgreSqlServer server) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private string _database = "";

    public async Task InitializeAsync() => _database = await server.CreateDatabaseAsync();

    public Task DisposeAsync() => server.DropDatabaseAsync(_database);

    [Fact]
    public async Task Migrations_CreateTheSchemaOnce_AndRecordTheirVersion()
    {
        await using var store = new PostgreSqlPermissionStore(_database, _clock);
        (await store.GetSchemaVersionAsync()).Should().Be(0);

        (await store.InitializeAsync()).Should().Be(PostgreSqlPermissionStore.CurrentSchemaVersion);
        await using var again = new PostgreSqlPermissionStore(_database, _clock);
        (await again.InitializeAsync()).Should().Be(0, "a second process finds the schema up to date");
        (await again.GetSchemaVersionAsync()).Should().Be(PostgreSqlPermissionStore.CurrentSchemaVersion);
    }

    [Fact]
    public async Task ADatabaseOfAnotherApplication_IsRefused_AndLeftAlone()
    {
        await ExecuteAsync("CREATE TABLE invoices (id integer PRIMARY KEY);");
        await using var store = new PostgreSqlPermissionStore(_database, _clock);

        var error = await Record.ExceptionAsync(() => store.LoadAsync("100"));

        error.Should().BeOfType<PermissionStoreException>().Which.Error.Should().Be(PermissionStoreError.NotAStore);
        error!.Message.Should().NotContain("\n");
        (await ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public';")).Should().Be(1L);
    }

    [Fact]
    public async Task ALeaseHeld_NamesItsHolderAndItsTimes()
    {
        await using var store = new PostgreSqlPermissionStore(_database, _clock);
        await store.TryAcquireSyncLeaseAsync("ws", "host-a process 1", TimeSpan.FromMinutes(2));

        var held = await Record.ExceptionAsync(() => store.TryAcquireSyncLeaseAsync("ws", "host-b process 2", TimeSpan.FromMinutes(2)));

        held!.Message.Should().Be("Workspace ws is being synced by host-a process 1 since 2026-11-29 12:00:00Z (lease until 2026-11-29 12:02:00Z).");
    }

    [Fact]
    public async Task AConflict_NamesBothGenerations()
    {
        await using var store = new PostgreSqlPermissionStore(_database, _clock);
        await CommitAsync(store, 0);
        await CommitAsync(store, 1);

        var error = await Record.ExceptionAsync(async () =>
        {
            await using var writer = await store.BeginSyncAsync("100", 1);
        });

        error!.Message.Should().Be("Workspace 100 was committed by another sync while this one ran (generation 2, this sync started from 1); this sync committed nothing.");
    }

    [Fact]
    public async Task TwoProcesses_CommittingFromTheSameGeneration_OneWins_TheOtherConflicts()
    {
        // Two stores with their own connection pools stand for two processes (or machines) sharing the database.
        await using var first = new PostgreSqlPermissionStore(_database, _clock);
        await using var second = new PostgreSqlPermissionStore(_database, _clock);
        await CommitAsync(first, 0);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Record.ExceptionAsync(() => CommitAsync(i % 2 == 0 ? first : second, 1, $"Writer {i}"))));

        outcomes.Count(e => e is null).Should().Be(1, "one writer at a time checks the generation, so only one commits from generation 1");
        outcomes.Where(e => e is not null).Should().AllSatisfy(e => e.Should().BeOfType<PermissionStoreException>().Which.Error.Should().Be(PermissionStoreError.Conflict));
        (await second.GetGenerationAsync("100")).Should().Be(2);
    }

    [Fact]
    public async Task AWriterWaitingPastTheLockTimeout_GivesUpWithAConflict_AndChangesNothing()
    {
        await using var first = new PostgreSqlPermissionStore(_database, _clock);
        await using var second = new PostgreSqlPermissionStore(_database, _clock) { WriterLockTimeout = TimeSpan.FromMilliseconds(300) };
        await CommitAsync(first, 0);

        await using (var holder = await first.BeginSyncAsync("100", 1))
        {
            var error = await Record.ExceptionAsync(async () =>
            {
                // Bounded: without the lock timeout it would wait for the holder, which waits for this test.
                await using var waiting = await second.BeginSyncAsync("100", 1).WaitAsync(TimeSpan.FromSeconds(20));
            });

            error.Should().BeOfType<PermissionStoreException>().Which.Error.Should().Be(PermissionStoreError.Conflict);
            error!.Message.Should().Be("Another sync or purge of workspace 100 held its write lock for over 0.3 s; nothing was changed.");
        }

        (await second.GetGenerationAsync("100")).Should().Be(1, "the holder never committed, and the waiting writer gave up");
        await CommitAsync(second, 1); // the lock is free again
        (await first.GetGenerationAsync("100")).Should().Be(2);
    }

    [Fact]
    public async Task PrincipalTokens_AreRows_SoTrimmingAndSearchAreSqlJoins()
    {
        await using var store = new PostgreSqlPermissionStore(_database, _clock);
        await CommitAsync(store, 0, "Rocket launch", notes: "fuel budget", tokens: ["user:u1", "team:t1"]);

        var visible = await ScalarAsync(
            """
            SELECT string_agg(t.gid, ',') FROM tasks t
            JOIN ticket_tokens k ON k.workspace_gid = t.workspace_gid AND k.ticket_gid = t.gid
            WHERE t.workspace_gid = '100' AND k.token = ANY(ARRAY['team:t1']) AND t.search @@ plainto_tsquery('simple', 'budget');
            """);

        visible.Should().Be("k1");
        (await ScalarAsync("SELECT count(*) FROM ticket_tokens WHERE workspace_gid = '100' AND token = 'user:u2';")).Should().Be(0L);
    }

    [Fact]
    public async Task AnUnreachableServer_FailsInOneLine_WithoutThePassword()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var store = new PostgreSqlPermissionStore($"Host=127.0.0.1;Port={port};Database=asana;Username=sync;Password=SECRET;Timeout=5", _clock);

        var error = await Record.ExceptionAsync(() => store.GetGenerationAsync("100"));

        error.Should().NotBeNull();
        error!.Message.Should().Contain($"127.0.0.1:{port}").And.NotContain("SECRET").And.NotContain("\n");
        error.ToString().Should().NotContain("SECRET");
    }

    [Fact]
    public void AMalformedConnectionString_IsRefused_WithoutQuotingIt()
    {
        var error = Record.Exception(() => new PostgreSqlPermissionStore("Host=x;Password=SECRET;Bogus Key=1"));

        error.Should().BeOfType<ArgumentException>().Which.Message.Should().NotContain("SECRET");
    }

    private static async Task CommitAsync(PostgreSqlPermissionStore store, long generation, string taskName = "Alpha", string? notes = null, string[]? tokens = null)
    {
        await using var writer = await store.BeginSyncAsync("100", generation);
        await writer.ClearAsync();
        await writer.WriteWorkspaceAsync(new WorkspaceRecord("100", "Acme", true), []);
        var task = new TaskRecord("k1", taskName, null, [], [], null, null, notes);
        await writer.UpsertTicketsAsync([new TicketEntry(task, new Asana.Permissions.Model.Ticket("k1", taskName, "TASK", null, [], [], [], null, notes, Asana.Permissions.Model.TicketStatus.Open, null, null, null, null, [], null), tokens ?? ["user:u1"], 0)]);
        await writer.CommitAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
