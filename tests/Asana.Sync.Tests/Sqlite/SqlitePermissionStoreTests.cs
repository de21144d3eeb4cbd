using Microsoft.Data.Sqlite;
using Asana.Permissions;
using Asana.Permissions.Sources;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Sqlite;

public sealed class SqlitePermissionStoreTests
{
    internal static WorkspaceData Sample(string ws = "100", string taskName = "Alpha launch")
    {
        var workspace = new WorkspaceRecord(ws, "Acme", true);
        return new WorkspaceData(
            workspace,
            [new UserRecord("u1", "Ann", "Ann@acme.example"), new UserRecord("u2", "Bob", "bob@acme.example")],
            [new WorkspaceMembershipRecord("u1", true, false, false), new WorkspaceMembershipRecord("u2", true, false, false)],
            [new TeamRecord("t1", "Eng")],
            [new TeamMembershipRecord("t1", "u2", false, false), new TeamMembershipRecord("t1", "u1", false, IsLimitedAccess: true)],
            [new ProjectRecord("p1", "Private", PrivacySettings.Private, "t1", false)],
            [new ProjectMembershipRecord("p1", "u1", MemberKind.User)],
            [new SectionRecord("s1", "Todo", "p1")],
            [
                new TaskRecord("k1", taskName, null, [], [new TaskPlacement("p1", "s1")], null, null, "secret notes about rockets"),
                new TaskRecord("k2", "Child", null, [], [], "k1"),
                new TaskRecord("k3", "Errand", "u2", [], [], null, null, "rockets too"),
            ])
        {
            Portfolios = [new PortfolioRecord("f1", "Plans")],
            PortfolioMemberships = [new PortfolioMembershipRecord("f1", "u2", MemberKind.User), new PortfolioMembershipRecord("f1", "t1", MemberKind.Team)],
            ProjectPortfolioSettings = [new ProjectPortfolioSettingRecord("f1", "p1", false), new ProjectPortfolioSettingRecord("f1", "p9", true)],
        };
    }

    internal static async Task WriteAsync(IPermissionStore store, WorkspaceData data, bool commit = true)
    {
        var permissions = WorkspacePermissions.Build(data);
        var model = permissions.ToMergeModel();
        await using var writer = await store.BeginSyncAsync(data.Workspace.Gid, await store.GetGenerationAsync(data.Workspace.Gid));
        await writer.ClearAsync();
        await writer.WriteWorkspaceAsync(data.Workspace, model.Roles);
        await writer.UpsertUsersAsync(model.Users.Select(u => new UserEntry(
            data.Users.Single(x => x.Gid == u.RemoteId), data.WorkspaceMemberships.Single(m => m.UserGid == u.RemoteId), u, permissions.GetUserPrincipalTokens(u.RemoteId))).ToList());
        await writer.UpsertTeamsAsync(model.Teams.Select(t => new TeamEntry(data.Teams.Single(x => x.Gid == t.RemoteId), data.TeamMemberships.Where(m => m.TeamGid == t.RemoteId).ToList(), t)).ToList());
        await writer.UpsertPortfoliosAsync(data.Portfolios.Select(p => new PortfolioEntry(
            p, data.PortfolioMemberships.Where(m => m.PortfolioGid == p.Gid).ToList(), data.ProjectPortfolioSettings.Where(s => s.PortfolioGid == p.Gid).ToList())).ToList());
        await writer.UpsertCollectionsAsync(model.Collections.Select(c => new CollectionEntry(
            c, data.Projects.SingleOrDefault(p => p.Gid == c.RemoteId), data.ProjectMemberships.Where(m => m.ProjectGid == c.RemoteId).ToList(), data.Sections.SingleOrDefault(s => s.Gid == c.RemoteId))).ToList());
        await writer.UpsertTicketsAsync(model.Tickets.Select(t => new TicketEntry(data.Tasks.Single(x => x.Gid == t.RemoteId), t, permissions.GetTicketPrincipalTokens(t.RemoteId), 0)).ToList());
        await writer.WriteSyncStateAsync(new SyncState(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new Dictionary<string, string> { ["p1"] = "tok" }));
        if (commit)
        {
            await writer.CommitAsync();
        }
    }

    [Fact]
    public async Task Migrations_AreVersioned_AndIdempotent()
    {
        using var db = new TempDatabase();
        using (var store = db.Open())
        {
            (await store.InitializeAsync()).Should().Be(SqlitePermissionStore.CurrentSchemaVersion);
            (await store.InitializeAsync()).Should().Be(0);
        }

        using (var again = db.Open())
        {
            (await again.InitializeAsync()).Should().Be(0, "a second process applies nothing");
            (await again.GetSchemaVersionAsync()).Should().Be(SqlitePermissionStore.CurrentSchemaVersion);
        }
    }

    [Fact]
    public async Task Reads_OnAnUpToDateStore_DoNotWaitForACommittingSync()
    {
        using var db = new TempDatabase();
        using (var store = db.Open())
        {
            await WriteAsync(store, Sample());
        }

        // Another process holds the write lock, as a sync does while it commits.
        await using var writer = new SqliteConnection($"Data Source={db.Path}");
        await writer.OpenAsync();
        await using var transaction = writer.BeginTransaction(deferred: false);

        using var reader = db.Open();
        var visible = await reader.ListAccessibleAsync("100", "u1").WaitAsync(TimeSpan.FromSeconds(10));

        visible.Should().Contain("k1");
    }

    [Fact]
    public async Task UncommittedWriter_RollsBack_AndPreviousStateStaysReadable()
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        await WriteAsync(store, Sample());
        var before = await AsanaSyncEngineTests.ExportAsync(store);

        await WriteAsync(store, Sample(taskName: "Changed but never committed"), commit: false);

        (await AsanaSyncEngineTests.ExportAsync(store)).Should().Be(before);
        (await store.ListAccessibleAsync("100", "u1")).Should().Equal("k1", "k2");
    }

    [Fact]
    public async Task Queries_UseTokens_ResolveEmails_AndTrimSearch()
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        await WriteAsync(store, Sample());

        (await store.ListAccessibleAsync("100", "ann@ACME.example")).Should().Equal("k1", "k2");
        (await store.ListAccessibleAsync("100", "u2")).Should().Equal("k3");
        (await store.ListAccessibleAsync("100", "nobody")).Should().BeEmpty();
        (await store.SearchAsync("100", "u1", "rockets")).Select(h => h.TicketGid).Should().Equal("k1");
        (await store.SearchAsync("100", "u2", "rockets")).Select(h => h.TicketGid).Should().Equal("k3");
        (await store.SearchAsync("100", "u2", "\" OR *")).Should().BeEmpty();
        var check = await store.ExplainAsync("100", "u1", "k2");
        check.Allowed.Should().BeTrue();
        check.Because.Should().NotBeEmpty();
        (await store.ExplainAsync("100", "u2", "k1")).Allowed.Should().BeFalse();
        var all = await store.ListAccessibleForAllUsersAsync("100");
        all.Keys.Should().Equal("u1", "u2");
    }

    [Fact]
    public async Task ATicketWrittenTwiceInOneFullSync_KeepsOnlyItsLastSearchEntryAndTokens()
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        var data = Sample();
        await WriteAsync(store, data);
        var permissions = WorkspacePermissions.Build(data);
        var model = permissions.ToMergeModel();
        var k1 = data.Tasks.Single(t => t.Gid == "k1");

        // A full sync clears, writes k1 as u1 sees it, then again renamed and with k3's tokens (u2's, not u1's).
        await using (var writer = await store.BeginSyncAsync("100", await store.GetGenerationAsync("100")))
        {
            await writer.ClearAsync();
            await writer.WriteWorkspaceAsync(data.Workspace, model.Roles);
            await writer.UpsertUsersAsync(model.Users.Select(u => new UserEntry(
                data.Users.Single(x => x.Gid == u.RemoteId), data.WorkspaceMemberships.Single(m => m.UserGid == u.RemoteId), u, permissions.GetUserPrincipalTokens(u.RemoteId))).ToList());
            var ticket = model.Tickets.Single(t => t.RemoteId == "k1");
            await writer.UpsertTicketsAsync([new TicketEntry(k1, ticket, permissions.GetTicketPrincipalTokens("k1"), 0)]);
            await writer.UpsertTicketsAsync([new TicketEntry(k1 with { Name = "Renamed errand", Notes = null }, ticket, permissions.GetTicketPrincipalTokens("k3"), 0)]);
            await writer.CommitAsync();
        }

        (await store.CanViewAsync("100", "u1", "k1")).Should().BeFalse("the first write's tokens are gone");
        (await store.CanViewAsync("100", "u2", "k1")).Should().BeTrue();
        (await store.SearchAsync("100", "u2", "rockets")).Should().BeEmpty("the first write's search entry is gone");
        (await store.SearchAsync("100", "u2", "alpha")).Should().BeEmpty();
        (await store.SearchAsync("100", "u2", "renamed")).Select(h => h.TicketGid).Should().Equal("k1");
    }

    [Fact]
    public async Task Purge_RemovesEveryRowOfOneWorkspaceOnly()
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        await WriteAsync(store, Sample("100"));
        await WriteAsync(store, Sample("200"));

        (await store.PurgeAsync("100")).Should().BeTrue();
        (await store.PurgeAsync("100")).Should().BeFalse();

        (await store.LoadAsync("100")).Should().BeNull();
        (await store.ListAccessibleAsync("100", "u1")).Should().BeEmpty();
        (await store.SearchAsync("100", "u1", "rockets")).Should().BeEmpty();
        (await store.ListAccessibleAsync("200", "u1")).Should().Equal("k1", "k2");
        (await store.SearchAsync("200", "u1", "rockets")).Should().ContainSingle();
    }
}
