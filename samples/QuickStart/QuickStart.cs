// The quick start, one source of truth: README.md shows it from "quick start: begin" to "quick start: end" (a test
// checks that they match), tests/Asana.Sync.Tests compiles and runs it against the projects (QuickStartTests), and CI
// (.ci/smoke) compiles and runs it in .ci/consumer against the packages it just packed, restored from NuGet alone.
// quick start: begin
using Asana.Client;
using Asana.Permissions;
using Asana.Simulator; // the package Asana.Sync.Testing: a simulated Asana for tests
using Asana.Sync;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MyHost.Tests;

public static class AsanaQuickStart
{
    public static async Task RunAsync(string databasePath)
    {
        // A simulated Asana organization on loopback (about 30 users, 3 teams, 6 projects, 150 tasks).
        // PremiumSearch: the plan has task search, so the sync also finds project-less tasks that are only followed.
        var organization = SimulatedOrganization.Generate(seed: 1, OrganizationShape.Small);
        var simulatorOptions = new SimulatorOptions { PremiumSearch = true };
        await using var asana = await SimulatedAsana.StartAsync(organization, simulatorOptions);

        // 1. Register the client and the sync. Against Asana itself: leave BaseAddress out and pass your token.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAsanaClient(options =>
        {
            options.BaseAddress = asana.BaseAddress;
            options.AccessToken = asana.AccessToken;
        });
        services.AddAsanaSync(databasePath);
        await using var provider = services.BuildServiceProvider();

        // 2. Sync: full the first time, incremental afterwards. Warnings say what could not be read (fail closed).
        string workspaceGid = organization.WorkspaceGid;
        var engine = provider.GetRequiredService<AsanaSyncEngine>();
        SyncResult result = await engine.SyncAsync(workspaceGid);
        Check(result.Warnings.Count == 0, $"the sync read everything: {result}");
        Check(result.Tickets == organization.TaskCount, $"the sync stored every task: {result}");

        // 3. Ask. AddAsanaSync registers the SQLite store as itself too: no cast from IPermissionStore.
        var store = provider.GetRequiredService<SqlitePermissionStore>();
        WorkspacePermissions permissions = await store.LoadPermissionsAsync(workspaceGid)
            ?? throw new InvalidOperationException($"workspace {workspaceGid} is not in the store");
        // The simulator's ground truth, computed from the rules: user gid -> the gids of the tasks they may see.
        var truth = organization.ExpectedVisibility();
        string user = truth.First(pair => pair.Value.Count > 0).Key;
        string task = truth[user].Order(StringComparer.Ordinal).First();
        Check(permissions.CanView(user, task), "CanView agrees with the ground truth");
        AccessDecision why = permissions.Explain(user, task);
        Console.WriteLine($"user {user} may see task {task}: {why.Because[0].Description}");
        IReadOnlyList<string> visible = permissions.ListAccessible(user);
        Check(visible.ToHashSet().SetEquals(truth[user]), "ListAccessible agrees with the ground truth");
        // The same answers straight from the store, through its read contract (IPermissionReader: SQL joins, no engine):
        var reader = provider.GetRequiredService<IPermissionReader>();
        Check(await reader.CanViewAsync(workspaceGid, user, task), "CanViewAsync agrees");
        var visibleInStore = await reader.ListAccessibleAsync(workspaceGid, user);
        Check(visibleInStore.SequenceEqual(visible), "ListAccessibleAsync agrees");

        // 4. Filter a search with principal tokens: index each task with its tokens, filter with the user's tokens.
        var index = permissions.ToMergeModel().Tickets
            .Select(t => (Gid: t.RemoteId, t.Name, Principals: permissions.GetTicketPrincipalTokens(t.RemoteId)))
            .ToList();
        foreach (var (userGid, expected) in truth)
        {
            var principals = permissions.GetUserPrincipalTokens(userGid).ToHashSet();
            var allowed = index.Where(doc => doc.Principals.Any(principals.Contains)).Select(doc => doc.Gid);
            Check(allowed.ToHashSet().SetEquals(expected), $"the filter shows user {userGid} exactly what Asana would");
        }

        string word = index.First(doc => doc.Gid == task).Name.Split(' ')[0];
        var userPrincipals = permissions.GetUserPrincipalTokens(user).ToHashSet();
        var hits = index
            .Where(doc => doc.Name.Contains(word, StringComparison.OrdinalIgnoreCase)) // the search
            .Where(doc => doc.Principals.Any(userPrincipals.Contains))                // the permission filter
            .Select(doc => doc.Gid)
            .ToList();
        Console.WriteLine($"search \"{word}\": {hits.Count} hit(s) for user {user}");
        Check(hits.Contains(task) && hits.All(visible.Contains), "the search finds the task, and nothing hidden");
        // The SQLite store's own full-text search, trimmed the same way:
        var storeHits = await reader.SearchAsync(workspaceGid, user, word, limit: 1000);
        Check(storeHits.Count > 0 && storeHits.All(hit => visible.Contains(hit.TicketGid)), "SearchAsync is trimmed");

        static void Check(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidOperationException("quick start failed: " + what);
            }
        }
    }
}
// quick start: end
