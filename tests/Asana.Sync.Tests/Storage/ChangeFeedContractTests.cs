using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asana.Permissions;
using Asana.Permissions.Sources;
using Asana.Simulator;
using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Storage;

/// <summary>
/// What every <see cref="IPermissionChangeFeed"/> store must do: a host that applies the feed page by page ends holding
/// exactly the store's tickets and collections (with their tokens), through full and incremental syncs, deletions,
/// permission changes, moves, a purge and a resync. Derive and return a new, empty store from <see cref="CreateStoreAsync"/>.
/// </summary>
public abstract class ChangeFeedContractTests : IAsyncLifetime
{
    // Small pages, so every commit spans several of them.
    private const int PageSize = 7;
    private readonly List<IPermissionStore> _stores = [];

    /// <summary>A new, empty store that is also a change feed; disposed after the test when disposable.</summary>
    protected abstract Task<IPermissionStore> CreateStoreAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else if (store is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }

    [Fact]
    public async Task AHostLoop_EndsEqualToTheStore_ThroughFullAndIncrementalSyncs_DeletionsMovesPermissionChanges_APurgeAndAResync()
    {
        var org = SimulatedOrganization.Generate(71, OrganizationShape.Small);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var client = Harness.Client(sim);
        var store = await NewStoreAsync();
        var feed = (IPermissionChangeFeed)store;
        var engine = new AsanaSyncEngine(client, store, new AsanaSyncOptions { MaxParallelism = 4 });
        var ws = org.WorkspaceGid;
        var host = new HostIndex();

        await engine.SyncAsync(ws, SyncMode.Full);
        var first = await host.CatchUpAsync(feed, ws, PageSize);
        first.Should().OnlyContain(c => !c.Deleted);
        var expected = await ContentAsync(store, ws);
        expected.Keys.Should().Contain(k => k.Kind == ChangeKind.Ticket).And.Contain(k => k.Kind == ChangeKind.Collection);
        ShouldEqual(host, expected);

        // Deletions, a move, permission changes (followers, a project member, privacy), a rename.
        var data = org.ToWorkspaceData();
        var active = data.WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var projects = org.GetProjectGids();
        var deletedTask = org.GetProjectTaskGids(projects[0])[0];
        org.DeleteTask(deletedTask);
        var moved = org.GetProjectTaskGids(projects[1])[0];
        org.MoveTask(moved, projects[1], projects[2]);
        var followed = org.GetProjectTaskGids(projects[2])[^1];
        org.SetFollowers(followed, [active[0], active[1]]);
        org.AddProjectMember(projects[3], active[2]);
        org.UpdateTask(org.GetProjectTaskGids(projects[3])[0], name: "Renamed for the index");
        var deletedProject = projects[^1];
        org.DeleteProject(deletedProject);

        (await engine.SyncAsync(ws)).Mode.Should().Be(SyncMode.Incremental);
        var incremental = await host.CatchUpAsync(feed, ws, PageSize);
        ShouldEqual(host, await ContentAsync(store, ws));
        incremental.Should().Contain(c => c.Kind == ChangeKind.Ticket && c.Gid == deletedTask && c.Deleted);
        incremental.Should().Contain(c => c.Kind == ChangeKind.Collection && c.Gid == deletedProject && c.Deleted);
        incremental.Should().Contain(c => c.Kind == ChangeKind.Ticket && c.Gid == moved && !c.Deleted);
        incremental.Should().Contain(c => c.Kind == ChangeKind.Ticket && c.Gid == followed && !c.Deleted);
        incremental.Count.Should().BeLessThan(first.Count / 2, "only what changed is reported");
        incremental.Select(c => (c.Kind, c.Gid)).Should().OnlyHaveUniqueItems("each object is reported once per commit");

        // A second full sync of an unchanged organization rewrites every row, but no fingerprint changed.
        await engine.SyncAsync(ws, SyncMode.Full);
        (await host.CatchUpAsync(feed, ws, PageSize)).Should().BeEmpty("a full sync that changed nothing reports nothing");

        // A full sync after changes reports them, and the rows it no longer writes as deleted.
        var secondDeleted = org.GetProjectTaskGids(projects[1])[^1];
        org.DeleteTask(secondDeleted);
        org.SetProjectPrivacy(projects[0], PrivacySettings.Private);
        await engine.SyncAsync(ws, SyncMode.Full);
        var secondFull = await host.CatchUpAsync(feed, ws, PageSize);
        secondFull.Should().Contain(c => c.Gid == secondDeleted && c.Deleted);
        ShouldEqual(host, await ContentAsync(store, ws));

        // A purge: the host must drop everything; the resync brings it all back.
        (await store.PurgeAsync(ws)).Should().BeTrue();
        var purged = await host.CatchUpAsync(feed, ws, PageSize);
        purged.Should().OnlyContain(c => c.Deleted);
        host.Objects.Should().BeEmpty();

        await engine.SyncAsync(ws, SyncMode.Full);
        (await host.CatchUpAsync(feed, ws, PageSize)).Should().OnlyContain(c => !c.Deleted);
        var final = await ContentAsync(store, ws);
        ShouldEqual(host, final);

        // A host starting now from no cursor reads the same, and ends where the long-running one is.
        var fresh = new HostIndex();
        await fresh.CatchUpAsync(feed, ws, 500);
        ShouldEqual(fresh, final);
        (await feed.GetChangesAsync(ws, fresh.Cursor, PageSize)).Changes.Should().BeEmpty();
    }

    [Fact]
    public async Task AnIncrementalSyncThatChangesNothing_ReportsNothing()
    {
        var org = SimulatedOrganization.Generate(72, OrganizationShape.Small);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var client = Harness.Client(sim);
        var store = await NewStoreAsync();
        var feed = (IPermissionChangeFeed)store;
        var engine = new AsanaSyncEngine(client, store, new AsanaSyncOptions { MaxParallelism = 4 });
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        var host = new HostIndex();
        await host.CatchUpAsync(feed, org.WorkspaceGid, 1000);
        var before = host.Cursor;

        (await engine.SyncAsync(org.WorkspaceGid)).Mode.Should().Be(SyncMode.Incremental);

        var page = await feed.GetChangesAsync(org.WorkspaceGid, before, PageSize);
        page.Changes.Should().BeEmpty();
        page.HasMore.Should().BeFalse();
        page.NextCursor.Should().Be(before, "an empty page leaves the host where it was");
    }

    [Fact]
    public async Task ANeverSyncedWorkspace_HasAnEmptyFeed()
    {
        var feed = (IPermissionChangeFeed)await NewStoreAsync();

        var page = await feed.GetChangesAsync("100", null, PageSize);

        page.Changes.Should().BeEmpty();
        page.HasMore.Should().BeFalse();
        (await feed.GetChangesAsync("100", page.NextCursor, PageSize)).Changes.Should().BeEmpty("its own cursor is valid");
    }

    [Fact]
    public async Task Workspaces_AreKeptApart_AndCursorsOfAnotherWorkspace_GarbageOrFromTheFuture_AreRejected()
    {
        var orgA = SimulatedOrganization.Generate(73, OrganizationShape.Small);
        var orgB = SimulatedOrganization.Generate(74, OrganizationShape.Small);
        orgA.WorkspaceGid.Should().NotBe(orgB.WorkspaceGid);
        await using var simA = await SimulatedAsana.StartAsync(orgA);
        await using var simB = await SimulatedAsana.StartAsync(orgB);
        using var clientA = Harness.Client(simA);
        using var clientB = Harness.Client(simB);
        var store = await NewStoreAsync();
        var feed = (IPermissionChangeFeed)store;
        await new AsanaSyncEngine(clientA, store).SyncAsync(orgA.WorkspaceGid, SyncMode.Full);
        await new AsanaSyncEngine(clientB, store).SyncAsync(orgB.WorkspaceGid, SyncMode.Full);

        var hostA = new HostIndex();
        var hostB = new HostIndex();
        await hostA.CatchUpAsync(feed, orgA.WorkspaceGid, 50);
        await hostB.CatchUpAsync(feed, orgB.WorkspaceGid, 50);
        ShouldEqual(hostA, await ContentAsync(store, orgA.WorkspaceGid));
        ShouldEqual(hostB, await ContentAsync(store, orgB.WorkspaceGid));

        await store.PurgeAsync(orgA.WorkspaceGid);
        (await feed.GetChangesAsync(orgB.WorkspaceGid, hostB.Cursor, PageSize)).Changes.Should().BeEmpty("a purge of A is no change of B");
        (await hostA.CatchUpAsync(feed, orgA.WorkspaceGid, 50)).Should().NotBeEmpty().And.OnlyContain(c => c.Deleted);

        (await RejectedAsync(feed, orgB.WorkspaceGid, hostA.Cursor)).Message.Should().Contain("another workspace");
        (await RejectedAsync(feed, orgA.WorkspaceGid, "not a cursor")).Message.Should().Contain("not a change feed cursor");
        (await RejectedAsync(feed, orgA.WorkspaceGid, Convert.ToBase64String(Encoding.UTF8.GetBytes("c1\nx")))).Should().NotBeNull();

        // A cursor from a store further ahead (as after restoring an older backup): the host must start over.
        var behind = (IPermissionChangeFeed)await NewStoreAsync();
        await new AsanaSyncEngine(clientA, (IPermissionStore)behind).SyncAsync(orgA.WorkspaceGid, SyncMode.Full);
        var ahead = await RejectedAsync(behind, orgA.WorkspaceGid, hostA.Cursor);
        ahead.Message.Should().Contain("restored");
        ahead.Message.Should().NotContain(hostA.Cursor!, "the message names no opaque text");

        var limit = await Record.ExceptionAsync(() => feed.GetChangesAsync(orgA.WorkspaceGid, null, 0));
        limit.Should().BeOfType<ArgumentOutOfRangeException>();
    }

    private static async Task<PermissionStoreException> RejectedAsync(IPermissionChangeFeed feed, string workspaceGid, string? cursor)
    {
        var error = await Record.ExceptionAsync(() => feed.GetChangesAsync(workspaceGid, cursor, PageSize));
        var rejected = error.Should().BeOfType<PermissionStoreException>().Subject;
        rejected.Error.Should().Be(PermissionStoreError.InvalidCursor);
        return rejected;
    }

    /// <summary>
    /// What the store holds for the workspace, from the records it loads (not from the feed): each ticket and collection
    /// of the model those records build, as Merge JSON, with the ticket's principal tokens.
    /// </summary>
    internal static async Task<Dictionary<(ChangeKind Kind, string Gid), IndexedObject>> ContentAsync(IPermissionStore store, string workspaceGid)
    {
        var content = new Dictionary<(ChangeKind Kind, string Gid), IndexedObject>();
        if (await store.LoadAsync(workspaceGid) is not { } loaded)
        {
            return content;
        }

        var permissions = WorkspacePermissions.Build(loaded.Data);
        foreach (var task in loaded.Data.Tasks)
        {
            if (permissions.GetTicket(task.Gid) is { } ticket)
            {
                content[(ChangeKind.Ticket, task.Gid)] = new IndexedObject(Json(ticket, MergeJson.WriteTicket), [.. permissions.GetTicketPrincipalTokens(task.Gid).Order(StringComparer.Ordinal)]);
            }
        }

        foreach (var collection in permissions.ToMergeModel().Collections)
        {
            content[(ChangeKind.Collection, collection.RemoteId)] = new IndexedObject(Json(collection, MergeJson.WriteCollection), []);
        }

        return content;
    }

    internal static void ShouldEqual(HostIndex host, Dictionary<(ChangeKind Kind, string Gid), IndexedObject> expected)
    {
        host.Objects.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (key, want) in expected)
        {
            var got = host.Objects[key];
            got.PrincipalTokens.Should().Equal(want.PrincipalTokens, $"{key} has the store's tokens");
            JsonNode.DeepEquals(Canonical(got.ModelJson), Canonical(want.ModelJson)).Should().BeTrue($"{key} has the store's model: {got.ModelJson} vs {want.ModelJson}");
        }
    }

    /// <summary>
    /// The JSON with its lists of gids in ordinal order: records loaded back list a project's members in another order
    /// than the crawl that wrote them, which changes no permission.
    /// </summary>
    private static JsonNode? Canonical(string json)
    {
        var node = JsonNode.Parse(json);
        Sort(node);
        return node;

        static void Sort(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                    {
                        Sort(child);
                    }

                    break;
                case JsonArray array when array.All(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String):
                    var sorted = array.Select(item => item!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
                    array.Clear();
                    sorted.ForEach(item => array.Add(item));
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Sort(item);
                    }

                    break;
            }
        }
    }

    private static string Json<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private async Task<IPermissionStore> NewStoreAsync()
    {
        var store = await CreateStoreAsync();
        _stores.Add(store);
        return store;
    }
}
