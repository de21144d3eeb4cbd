using Asana.Permissions.Sources;
using Asana.Simulator;
using Asana.Sync.Sqlite;
using Asana.Sync.Tests.Sqlite;
using Xunit.Abstractions;

namespace Asana.Sync.Tests.Internal;

public sealed class SyncCommitterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IncrementalCommit_WritesExactlyTheRowsThatChanged_AndEndsLikeAFreshFullSync()
    {
        var org = SimulatedOrganization.Generate(23, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var store = new WriteRecordingStore(h.Store);
        var engine = new AsanaSyncEngine(h.Client, store);
        var full = await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        store.LastWriter!.Cleared.Should().BeTrue();
        store.LastWriter.Upserted["tickets"].Should().HaveCount(full.Tickets, "a full sync writes every row");
        var before = await StoreSnapshot.ReadAsync(h.Db.Path, org.WorkspaceGid);
        before.Fingerprints["tickets"].Values.Should().OnlyContain(f => f != null && f.StartsWith(Asana.Sync.Internal.FingerprintBuilder.Version + ":", StringComparison.Ordinal));

        var data = org.ToWorkspaceData();
        var active = data.WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var projects = org.GetProjectGids();
        var tasks = org.GetProjectTaskGids(projects[0]);
        org.UpdateTask(tasks[0], name: "Renamed by the test");
        org.AddFollower(tasks[1], active.First(u => !data.Tasks.Single(t => t.Gid == tasks[1]).FollowerGids.Contains(u)));
        org.AddTask(projects[1], "Added by the test", assigneeGid: active[2]);
        org.DeleteTask(org.GetProjectTaskGids(projects[2])[0]);
        var membership = data.TeamMemberships.First(m => !m.IsLimitedAccess && !m.IsGuest);
        org.SetTeamMemberLimitedAccess(membership.TeamGid, membership.UserGid, isLimitedAccess: true);

        var incremental = await engine.SyncAsync(org.WorkspaceGid);
        var after = await StoreSnapshot.ReadAsync(h.Db.Path, org.WorkspaceGid);
        var writer = store.LastWriter;
        output.WriteLine(string.Join(", ", StoreSnapshot.Kinds.Select(k => $"{k}: {writer.Upserted[k].Count} written, {writer.Deleted[k].Count} deleted of {after.Rows[k].Count}")));

        incremental.Mode.Should().Be(SyncMode.Incremental);
        writer.Cleared.Should().BeFalse();
        foreach (var kind in StoreSnapshot.Kinds)
        {
            // Not one row more (an unchanged row is skipped), not one less (every changed row is rewritten).
            writer.Upserted[kind].Should().Equal(StoreSnapshot.Changed(before, after, kind), $"the {kind} written are those whose row changed, in ordinal order");
            writer.Deleted[kind].Should().Equal(StoreSnapshot.Removed(before, after, kind), $"the {kind} deleted are those gone");
        }

        writer.Upserted["tickets"].Should().NotBeEmpty().And.HaveCountLessThan(after.Rows["tickets"].Count / 4, "only a few tickets changed");
        writer.Upserted["teams"].Should().Equal(membership.TeamGid);
        writer.Deleted["tickets"].Should().NotBeEmpty();
        incremental.TicketsWritten.Should().Be(writer.Upserted["tickets"].Count);
        incremental.TicketsDeleted.Should().Be(writer.Deleted["tickets"].Count);

        await ShouldEqualAFreshFullSyncAsync(h, h.Store);
        await Harness.ShouldBeExactAsync(h.Store, org);

        // Nothing changed since: nothing is written.
        var idle = await engine.SyncAsync(org.WorkspaceGid);
        idle.Mode.Should().Be(SyncMode.Incremental);
        StoreSnapshot.Kinds.Should().OnlyContain(k => store.LastWriter.Upserted[k].Count == 0 && store.LastWriter.Deleted[k].Count == 0);
    }

    [Fact]
    public async Task AStoreThatKeepsNoFingerprints_GetsEveryRowRewritten_AndEndsLikeAFreshFullSync()
    {
        var org = SimulatedOrganization.Generate(29, OrganizationShape.Small);
        await using var h = await SyncHarness.StartAsync(org);
        var store = new WriteRecordingStore(h.Store) { DropFingerprints = true };
        var engine = new AsanaSyncEngine(h.Client, store);
        await engine.SyncAsync(org.WorkspaceGid, SyncMode.Full);
        (await store.LoadAsync(org.WorkspaceGid))!.Fingerprints.Tickets.Should().BeEmpty();
        var before = await StoreSnapshot.ReadAsync(h.Db.Path, org.WorkspaceGid);

        var projects = org.GetProjectGids();
        org.UpdateTask(org.GetProjectTaskGids(projects[0])[0], notes: "changed notes");
        org.DeleteTask(org.GetProjectTaskGids(projects[1])[0]);
        org.SetProjectPrivacy(projects[2], PrivacySettings.Private);
        var incremental = await engine.SyncAsync(org.WorkspaceGid);
        var after = await StoreSnapshot.ReadAsync(h.Db.Path, org.WorkspaceGid);

        incremental.Mode.Should().Be(SyncMode.Incremental);
        incremental.TicketsWritten.Should().Be(incremental.Tickets, "without fingerprints no row can be skipped");
        var writer = store.LastWriter!;
        writer.Cleared.Should().BeFalse();
        foreach (var kind in StoreSnapshot.Kinds)
        {
            writer.Upserted[kind].Should().Equal(after.Rows[kind].Keys.Order(StringComparer.Ordinal), $"every {kind} row is rewritten");
            writer.Deleted[kind].Should().Equal(StoreSnapshot.Removed(before, after, kind));
        }

        after.Fingerprints.Values.SelectMany(f => f.Values).Should().OnlyContain(f => f == null, "this store keeps none");
        await ShouldEqualAFreshFullSyncAsync(h, h.Store, compareFingerprints: false);
    }

    /// <summary>A full sync of the same organization into a new file stores exactly the same rows (and export).</summary>
    internal static async Task ShouldEqualAFreshFullSyncAsync(SyncHarness h, SqlitePermissionStore store, bool compareFingerprints = true)
    {
        using var db = new TempDatabase();
        using var fresh = db.Open();
        await new AsanaSyncEngine(h.Client, fresh).SyncAsync(h.Org.WorkspaceGid, SyncMode.Full);
        var expected = await StoreSnapshot.ReadAsync(db.Path, h.Org.WorkspaceGid);
        var actual = await StoreSnapshot.ReadAsync(store.DatabasePath, h.Org.WorkspaceGid);
        actual.DifferencesFrom(expected, compareFingerprints).Should().BeEmpty();
        (await AsanaSyncEngineTests.ExportAsync(store)).Should().Be(await AsanaSyncEngineTests.ExportAsync(fresh));
    }
}
