using System.Text.Json.Nodes;
using Asana.Permissions;
using Asana.Permissions.Sources;
using Asana.Simulator;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Storage;

/// <summary>
/// What every <see cref="IPermissionReader"/> must answer: derive from this class and return a new, empty store (an
/// <see cref="IPermissionStore"/> that is also the reader) from <see cref="CreateStoreAsync"/>. Each test syncs a
/// simulated organization into it over HTTP with the real engine (premium search on, so every task is found) and
/// compares every answer with <see cref="WorkspacePermissions"/> built from the same records, and visibility with the
/// simulator's ground truth too.
/// </summary>
public abstract class PermissionReaderContractTests : IAsyncLifetime
{
    private readonly List<object> _owned = [];

    /// <summary>A new, empty store; disposed after the test when disposable.</summary>
    protected abstract Task<IPermissionStore> CreateStoreAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            switch (owned)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    [Fact]
    public async Task EveryUserTicketPair_CanViewAndExplain_AgreeWithTheEngineAndTheGroundTruth()
    {
        var (org, store, reader) = await SyncedAsync(71);
        var engine = await EngineAsync(store, org);
        var truth = org.ExpectedVisibility();
        var tickets = engine.ToWorkspaceData().Tasks.Select(t => t.Gid).ToList();
        tickets.Should().HaveCount(org.TaskCount, "premium search finds every task");

        foreach (var user in engine.ToWorkspaceData().Users.Select(u => u.Gid))
        {
            foreach (var ticket in tickets)
            {
                var canView = await reader.CanViewAsync(org.WorkspaceGid, user, ticket);
                var decision = await reader.ExplainAsync(org.WorkspaceGid, user, ticket);
                var expected = engine.Explain(user, ticket);
                var pair = $"user {user}, ticket {ticket}";
                canView.Should().Be(expected.Allowed, pair);
                canView.Should().Be(truth.TryGetValue(user, out var visible) && visible.Contains(ticket), pair + " (ground truth)");
                decision.Allowed.Should().Be(canView, pair + ": Explain agrees with CanView");
                decision.Because.Select(g => g.Description).Should().Equal(expected.Because.Select(g => g.Description), pair);
                decision.DenialReason.Should().Be(expected.DenialReason, pair);
            }
        }
    }

    [Fact]
    public async Task ListAccessible_ForEveryUser_IsTheEnginesList_AndAnEmailNamesTheSameUser()
    {
        var (org, store, reader) = await SyncedAsync(73);
        var engine = await EngineAsync(store, org);
        var data = engine.ToWorkspaceData();
        var all = await reader.ListAccessibleForAllUsersAsync(org.WorkspaceGid);

        all.Keys.Should().Equal(data.Users.Select(u => u.Gid).Order(StringComparer.Ordinal));
        foreach (var user in data.Users)
        {
            var expected = engine.ListAccessible(user.Gid);
            (await reader.ListAccessibleAsync(org.WorkspaceGid, user.Gid)).Should().Equal(expected, $"user {user.Gid}");
            all[user.Gid].Should().Equal(expected, $"user {user.Gid} (all users at once)");
            if (user.Email is { } email && engine.ResolveUser(email) == user.Gid)
            {
                (await reader.ResolveUserAsync(org.WorkspaceGid, email.ToUpperInvariant())).Should().Be(user.Gid);
                (await reader.ListAccessibleAsync(org.WorkspaceGid, email.ToUpperInvariant())).Should().Equal(expected, $"user {email}");
            }
        }

        var deactivated = data.WorkspaceMemberships.Where(m => !m.IsActive).Select(m => m.UserGid).ToList();
        deactivated.Should().NotBeEmpty("the organization has deactivated users");
        foreach (var user in deactivated)
        {
            (await reader.ListAccessibleAsync(org.WorkspaceGid, user)).Should().BeEmpty("a deactivated user sees nothing");
            (await reader.GetUserPrincipalTokensAsync(org.WorkspaceGid, user)).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task PrincipalsAndTokens_AreTheEngines()
    {
        var (org, store, reader) = await SyncedAsync(79);
        var engine = await EngineAsync(store, org);
        var data = engine.ToWorkspaceData();

        foreach (var ticket in data.Tasks.Select(t => t.Gid))
        {
            (await reader.ListPrincipalsAsync(org.WorkspaceGid, ticket)).Should().Equal(engine.ListPrincipals(ticket), $"ticket {ticket}");
            (await reader.GetTicketPrincipalTokensAsync(org.WorkspaceGid, ticket)).Should().Equal(engine.GetTicketPrincipalTokens(ticket), $"ticket {ticket}");
        }

        foreach (var user in data.Users.Select(u => u.Gid))
        {
            (await reader.GetUserPrincipalTokensAsync(org.WorkspaceGid, user)).Should().Equal(engine.GetUserPrincipalTokens(user), $"user {user}");
        }
    }

    [Fact]
    public async Task UnknownUsersAndTickets_SeeNothing_AndExplainSaysWhy()
    {
        var (org, store, reader) = await SyncedAsync(83);
        var engine = await EngineAsync(store, org);
        var user = engine.ToWorkspaceData().Users.First(u => engine.ListAccessible(u.Gid).Count > 0).Gid;
        var ticket = engine.ListAccessible(user)[0];
        var ws = org.WorkspaceGid;

        foreach (var nobody in new[] { "1", "nobody@nowhere.example" })
        {
            (await reader.ResolveUserAsync(ws, nobody)).Should().BeNull();
            (await reader.CanViewAsync(ws, nobody, ticket)).Should().BeFalse();
            (await reader.ListAccessibleAsync(ws, nobody)).Should().BeEmpty();
            (await reader.GetUserPrincipalTokensAsync(ws, nobody)).Should().BeEmpty();
            (await reader.SearchAsync(ws, nobody, "a")).Should().BeEmpty();
            var denied = await reader.ExplainAsync(ws, nobody, ticket);
            denied.Should().BeEquivalentTo(engine.Explain(nobody, ticket));
            denied.Allowed.Should().BeFalse();
            denied.DenialReason.Should().NotBeNullOrEmpty();
        }

        (await reader.CanViewAsync(ws, user, "1")).Should().BeFalse();
        (await reader.ExplainAsync(ws, user, "1")).Should().BeEquivalentTo(engine.Explain(user, "1"));
        (await reader.ListPrincipalsAsync(ws, "1")).Should().BeEmpty();
        (await reader.GetTicketPrincipalTokensAsync(ws, "1")).Should().BeEmpty();

        // A workspace the store does not hold answers like an empty one.
        (await reader.CanViewAsync("1", user, ticket)).Should().BeFalse();
        (await reader.ListAccessibleAsync("1", user)).Should().BeEmpty();
        (await reader.ListAccessibleForAllUsersAsync("1")).Should().BeEmpty();
        (await reader.ExplainAsync("1", user, ticket)).Allowed.Should().BeFalse();
        await FluentActions.Awaiting(() => reader.WriteExportAsync("1", Stream.Null)).Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task Search_FindsEveryMatchTheUserMaySee_AndNothingElse()
    {
        var (org, store, reader) = await SyncedAsync(89);
        var engine = await EngineAsync(store, org);
        var data = engine.ToWorkspaceData();
        // Plain words of task names (letters only): the same token in every store's full-text index.
        var words = data.Tasks.SelectMany(t => Words(t.Name)).Where(w => w.Length >= 4)
            .GroupBy(w => w, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).Take(3).ToList();
        words.Should().NotBeEmpty();
        var users = data.Users.Select(u => u.Gid).Where(u => engine.ListAccessible(u).Count > 0).Take(6).ToList();

        foreach (var word in words)
        {
            // The last word matches as a prefix: its first letters find the same tasks and more.
            foreach (var text in new[] { word, word[..^1] })
            {
                var matching = data.Tasks.Where(t => Tokens(t.Name + " " + t.Notes).Any(w => w.StartsWith(text, StringComparison.Ordinal))).Select(t => t.Gid).ToHashSet(StringComparer.Ordinal);
                matching.Should().NotBeEmpty();
                foreach (var user in users)
                {
                    var hits = await reader.SearchAsync(org.WorkspaceGid, user, text.ToUpperInvariant(), 10_000);
                    var expected = matching.Where(t => engine.CanView(user, t));
                    hits.Select(h => h.TicketGid).Should().BeEquivalentTo(expected, $"user {user} searching \"{text}\"");
                    hits.Should().OnlyHaveUniqueItems();
                    hits.Should().OnlyContain(h => h.Name == data.Tasks.First(t => t.Gid == h.TicketGid).Name);
                }
            }
        }

        var someone = users[0];
        (await reader.SearchAsync(org.WorkspaceGid, someone, words[0], 1)).Should().ContainSingle("the limit caps the hits");
        (await reader.SearchAsync(org.WorkspaceGid, someone, words[0] + " zzzqqq")).Should().BeEmpty("every word must match");
        (await reader.SearchAsync(org.WorkspaceGid, someone, " \t\0 ")).Should().BeEmpty();
        foreach (var odd in new[] { "\" OR *", "'", "( ) : & | ! <-> :*", "\ud800", "\\", "a'b" })
        {
            await FluentActions.Awaiting(() => reader.SearchAsync(org.WorkspaceGid, someone, odd)).Should().NotThrowAsync(odd);
        }
    }

    [Fact]
    public async Task Export_IsTheSameDocumentAsTheSqliteStoresExport()
    {
        var (org, _, reader) = await SyncedAsync(97);
        var (_, _, reference) = await SyncedAsync(97, org, NewSqliteStore());

        var exported = await ExportAsync(reader, org.WorkspaceGid);
        var expected = await ExportAsync(reference, org.WorkspaceGid);

        JsonNode.DeepEquals(exported, expected).Should().BeTrue("every store exports the same Merge-shaped document");
        exported!["tickets"]!.AsArray().Should().HaveCount(org.TaskCount);
        exported["tickets"]!.AsArray().Select(t => (string)t!["remote_id"]!).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Workspaces_AreKeptApart_AndAPurgeEmptiesOnlyItsOwn()
    {
        var (a, store, reader) = await SyncedAsync(101);
        var b = SimulatedOrganization.Generate(103, OrganizationShape.Small with { IsOrganization = false });
        await SyncedAsync(103, b, store);
        a.WorkspaceGid.Should().NotBe(b.WorkspaceGid);
        var engineA = await EngineAsync(store, a);
        var engineB = await EngineAsync(store, b);

        (await reader.ListWorkspacesAsync()).Select(w => w.Gid).Should().Equal(new[] { a.WorkspaceGid, b.WorkspaceGid }.Order(StringComparer.Ordinal));
        foreach (var (org, engine) in new[] { (a, engineA), (b, engineB) })
        {
            var all = await reader.ListAccessibleForAllUsersAsync(org.WorkspaceGid);
            all.Keys.Should().BeEquivalentTo(engine.ToWorkspaceData().Users.Select(u => u.Gid));
            foreach (var (user, visible) in all)
            {
                visible.Should().Equal(engine.ListAccessible(user), $"workspace {org.WorkspaceGid}, user {user}");
            }
        }

        var userA = engineA.ToWorkspaceData().Users.First(u => engineA.ListAccessible(u.Gid).Count > 0).Gid;
        var ticketA = engineA.ListAccessible(userA)[0];
        (await store.PurgeAsync(a.WorkspaceGid)).Should().BeTrue();

        (await reader.ListWorkspacesAsync()).Select(w => w.Gid).Should().Equal(b.WorkspaceGid);
        (await reader.ListAccessibleAsync(a.WorkspaceGid, userA)).Should().BeEmpty();
        (await reader.ListAccessibleForAllUsersAsync(a.WorkspaceGid)).Should().BeEmpty();
        (await reader.CanViewAsync(a.WorkspaceGid, userA, ticketA)).Should().BeFalse();
        (await reader.ExplainAsync(a.WorkspaceGid, userA, ticketA)).Allowed.Should().BeFalse("an engine cached before the purge must not answer");
        (await reader.GetTicketPrincipalTokensAsync(a.WorkspaceGid, ticketA)).Should().BeEmpty();
        (await reader.SearchAsync(a.WorkspaceGid, userA, "a")).Should().BeEmpty();
        var userB = engineB.ToWorkspaceData().Users.First(u => engineB.ListAccessible(u.Gid).Count > 0).Gid;
        (await reader.ListAccessibleAsync(b.WorkspaceGid, userB)).Should().Equal(engineB.ListAccessible(userB));
    }

    /// <summary>Lower-cased runs of letters and digits: the tokens every store's index holds alike.</summary>
    private static IEnumerable<string> Tokens(string text) =>
        System.Text.RegularExpressions.Regex.Split(text.ToLowerInvariant(), "[^a-z0-9]+").Where(w => w.Length > 0);

    /// <summary>The tokens made of letters only.</summary>
    private static IEnumerable<string> Words(string text) => Tokens(text).Where(w => w.All(char.IsAsciiLetterLower));

    private static async Task<JsonNode?> ExportAsync(IPermissionReader reader, string workspaceGid)
    {
        using var stream = new MemoryStream();
        await reader.WriteExportAsync(workspaceGid, stream);
        return JsonNode.Parse(stream.ToArray());
    }

    private static async Task<WorkspacePermissions> EngineAsync(IPermissionStore store, SimulatedOrganization org)
    {
        var stored = await store.LoadAsync(org.WorkspaceGid);
        stored.Should().NotBeNull();
        return WorkspacePermissions.Build(stored!.Data);
    }

    private SqlitePermissionStore NewSqliteStore()
    {
        var folder = Path.Combine(Path.GetTempPath(), "asana-reader-contract", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = new SqlitePermissionStore(Path.Combine(folder, "store.db"));
        _owned.Add(new Cleanup(() =>
        {
            store.Dispose();
            Directory.Delete(folder, recursive: true);
        }));
        return store;
    }

    private async Task<(SimulatedOrganization Org, IPermissionStore Store, IPermissionReader Reader)> SyncedAsync(int seed, SimulatedOrganization? org = null, IPermissionStore? store = null)
    {
        org ??= SimulatedOrganization.Generate(seed, OrganizationShape.Small);
        if (store is null)
        {
            store = await CreateStoreAsync();
            _owned.Add(store);
        }

        store.Should().BeAssignableTo<IPermissionReader>("every store of the library answers the read contract");
        await using var sim = await SimulatedAsana.StartAsync(org, new SimulatorOptions { PremiumSearch = true });
        using var client = Harness.Client(sim);
        var result = await new AsanaSyncEngine(client, store).SyncAsync(org.WorkspaceGid, SyncMode.Full);
        result.Warnings.Should().BeEmpty();
        return (org, store, (IPermissionReader)store);
    }

    private sealed class Cleanup(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
