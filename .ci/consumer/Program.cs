// A NuGet user's first program: the packages, public API only. The smoke script adds QuickStart.cs (the README's
// quick start, samples/QuickStart/QuickStart.cs) beside this file.
using Asana.Client;
using Asana.Permissions;
using Asana.Permissions.Sources;
using Asana.Sync.Sqlite;
using Microsoft.Extensions.DependencyInjection;

var failures = new List<string>();

void Expect(bool condition, string what)
{
    Console.WriteLine($"  {(condition ? "ok  " : "FAIL")} {what}");
    if (!condition)
    {
        failures.Add(what);
    }
}

// 1. Asana.Permissions: a small workspace built by hand.
Console.WriteLine("1. WorkspacePermissions");
var data = new WorkspaceData(
    new WorkspaceRecord("1", "Acme", IsOrganization: true),
    Users:
    [
        new UserRecord("10", "Alice", "alice@acme.example"),
        new UserRecord("11", "Bob", "bob@partner.example"),
        new UserRecord("12", "Carol", "carol@acme.example"),
    ],
    WorkspaceMemberships:
    [
        new WorkspaceMembershipRecord("10", IsActive: true, IsAdmin: false, IsGuest: false),
        new WorkspaceMembershipRecord("11", IsActive: true, IsAdmin: false, IsGuest: true),
        new WorkspaceMembershipRecord("12", IsActive: false, IsAdmin: false, IsGuest: false),
    ],
    Teams: [new TeamRecord("20", "Marketing")],
    TeamMemberships: [new TeamMembershipRecord("20", "10", IsGuest: false, IsLimitedAccess: false)],
    Projects:
    [
        new ProjectRecord("30", "Launch", PrivacySettings.PublicToWorkspace, "20", Archived: false),
        new ProjectRecord("31", "Secret", PrivacySettings.Private, null, Archived: false),
    ],
    ProjectMemberships: [new ProjectMembershipRecord("31", "10", MemberKind.User)],
    Sections: [new SectionRecord("40", "To do", "30")],
    Tasks:
    [
        new TaskRecord("50", "Write the launch plan", AssigneeGid: "12", FollowerGids: [], Memberships: [new TaskPlacement("30", "40")], ParentGid: null),
        new TaskRecord("51", "Pick the date", AssigneeGid: null, FollowerGids: [], Memberships: [], ParentGid: "50"),
        new TaskRecord("52", "Budget", AssigneeGid: null, FollowerGids: ["11"], Memberships: [new TaskPlacement("31", null)], ParentGid: null),
    ]);
var permissions = WorkspacePermissions.Build(data);
Expect(permissions.CanView("alice@acme.example", "50"), "a member sees a task of a project shared with the organization");
Expect(!permissions.CanView("11", "50"), "a guest does not");
Expect(permissions.CanView("10", "51"), "a subtask inherits from its parent");
Expect(permissions.CanView("11", "52"), "a follower outside a private project sees that task");
Expect(!permissions.CanView("12", "50"), "a deactivated assignee sees nothing");
var decision = permissions.Explain("11", "52");
Expect(decision.Allowed && decision.Because.Count == 1 && decision.Because[0].Kind == GrantKind.Follower, "Explain names the follower grant");
Console.WriteLine($"  Explain(Bob, Budget): allowed={decision.Allowed}, because: {string.Join("; ", decision.Because.Select(g => g.Description))}");
var denied = permissions.Explain("11", "50");
Console.WriteLine($"  Explain(Bob, Write the launch plan): allowed={denied.Allowed}, why not: {denied.DenialReason}");
Expect(!denied.Allowed && !string.IsNullOrEmpty(denied.DenialReason), "Explain says why not");

// 2. Asana.Client: the DI registration resolves a client (no network call is made).
Console.WriteLine("2. AddAsanaClient");
var services = new ServiceCollection();
services.AddLogging();
services.AddAsanaClient(options =>
{
    options.BaseAddress = new Uri("https://app.asana.com/api/1.0/");
    options.AccessToken = "consumer-smoke-token";
});
await using (var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }))
{
    var client = provider.GetRequiredService<IAsanaClient>();
    Expect(client is not null, $"IAsanaClient resolved ({client?.GetType().Name})");

    // Lists are lazy pageables: building one, and its pages from a saved offset, sends nothing.
    var users = client!.GetUsersAsync("1");
    Expect(users is IAsyncEnumerable<Asana.Client.Models.AsanaUser> && users.AsPages("saved-offset", pageSizeHint: 50) is not null, "a list is a lazy AsanaPageable");
}

// 3. Asana.Sync: the SQLite store opens a file (the native SQLite library came with the packages) and answers a read.
Console.WriteLine("3. SqlitePermissionStore");
var folder = Path.Combine(Path.GetTempPath(), "asana-consumer-" + Guid.NewGuid().ToString("N"));
try
{
    using (var store = new SqlitePermissionStore(Path.Combine(folder, "store.db")))
    {
        var applied = await store.InitializeAsync();
        Expect(applied > 0 && await store.GetSchemaVersionAsync() == SqlitePermissionStore.CurrentSchemaVersion, $"schema created ({applied} migrations)");
        Expect((await store.ListWorkspacesAsync()).Count == 0, "an empty store lists no workspace");
        Expect(await store.LoadAsync("1") is null, "an unknown workspace loads as null");
    }

    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
finally
{
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException)
    {
    }
}

// 4. The README's quick start: DI, a sync of the simulated Asana (Asana.Sync.Testing), CanView / Explain /
// ListAccessible without casts, a search filtered with principal tokens. It throws when an answer is wrong.
Console.WriteLine("4. The README's quick start");
var quickStartFolder = Path.Combine(Path.GetTempPath(), "asana-consumer-" + Guid.NewGuid().ToString("N"));
try
{
    Directory.CreateDirectory(quickStartFolder);
    await MyHost.Tests.AsanaQuickStart.RunAsync(Path.Combine(quickStartFolder, "quick-start.db"));
    Expect(true, "the quick start ran against the packages");
}
catch (InvalidOperationException e)
{
    Expect(false, e.Message);
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(quickStartFolder, recursive: true);
    }
    catch (IOException)
    {
    }
}

// 5. Asana.Sync.AspNetCore: the webhook secret store a receiver keeps (public API only).
Console.WriteLine("5. Asana.Sync.AspNetCore");
var webhookStore = new Asana.Sync.AspNetCore.Storage.InMemoryWebhookSecretStore();
await webhookStore.SaveAsync(new Asana.Sync.AspNetCore.WebhookRegistration("r1", "1", "1", "workspace", DateTimeOffset.UnixEpoch));
Expect(await webhookStore.TryCompleteHandshakeAsync("r1", "secret", DateTimeOffset.UnixEpoch), "a pending registration takes its handshake's secret");
Expect(!await webhookStore.TryCompleteHandshakeAsync("r1", "other", DateTimeOffset.UnixEpoch), "a second handshake is refused");

if (failures.Count > 0)
{
    Console.Error.WriteLine($"consumer FAILED: {failures.Count} check(s): {string.Join("; ", failures)}");
    return 1;
}

Console.WriteLine("consumer ok");
return 0;
