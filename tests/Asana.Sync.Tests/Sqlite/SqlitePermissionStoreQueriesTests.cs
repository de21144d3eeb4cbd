using Asana.Permissions;
using Asana.Permissions.Sources;

namespace Asana.Sync.Tests.Sqlite;

/// <summary>The store's reading side on input a host passes through from its users: search text, user names.</summary>
public sealed class SqlitePermissionStoreQueriesTests
{
    private static WorkspaceData Workspace() => new(
        new WorkspaceRecord("100", "Acme", true),
        [new UserRecord("u1", "Ann", "ann@acme.example")],
        [new WorkspaceMembershipRecord("u1", true, false, false)],
        [],
        [],
        [new ProjectRecord("p1", "Launch", PrivacySettings.Private, null, false)],
        [new ProjectMembershipRecord("p1", "u1", MemberKind.User)],
        [],
        [new TaskRecord("k1", "Rocket launch plan", null, [], [new TaskPlacement("p1", null)], null, null, "fuel and engines")]);

    private static WorkspaceData SharedEmail() => Workspace() with
    {
        Users =
        [
            new UserRecord("u1", "Ann", "ann@acme.example"),
            new UserRecord("u2", "Jane", "Jane@Acme.example"),
            new UserRecord("u3", "Jane too", "jane@ACME.example"),
            new UserRecord("u4", "No address", "no-address-here"),
        ],
        WorkspaceMemberships = new[] { "u1", "u2", "u3", "u4" }.Select(u => new WorkspaceMembershipRecord(u, true, false, false)).ToList(),
        ProjectMemberships = [new ProjectMembershipRecord("p1", "u1", MemberKind.User), new ProjectMembershipRecord("p1", "u3", MemberKind.User)],
    };

    public static TheoryData<string> ControlCharacters()
    {
        var data = new TheoryData<string>();
        for (var c = 0; c <= 0x9F; c++)
        {
            if (char.IsControl((char)c))
            {
                data.Add(((char)c).ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task SearchAsync_ControlCharacter_SeparatesWords(string control)
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        await SqlitePermissionStoreTests.WriteAsync(store, Workspace());

        (await store.SearchAsync("100", "u1", $"rocket{control}launch")).Select(h => h.TicketGid).Should().Equal("k1");
        (await store.SearchAsync("100", "u1", $"{control}fuel{control}")).Select(h => h.TicketGid).Should().Equal("k1");
        // Two words, not the phrase "fuel engines" (the notes say "fuel and engines").
        (await store.SearchAsync("100", "u1", $"fuel{control}engines")).Select(h => h.TicketGid).Should().Equal("k1");
        (await store.SearchAsync("100", "u1", $"rocket{control}nothing")).Should().BeEmpty();
        (await store.SearchAsync("100", "u1", control + control)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("-")]
    [InlineData("*")]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("( ) : ^ + NEAR AND OR NOT")]
    [InlineData("rocket -")]
    [InlineData("\ud800")]
    [InlineData("\uffff \ufeff \u200b")]
    public async Task SearchAsync_OddText_NeverThrows(string text)
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        await SqlitePermissionStoreTests.WriteAsync(store, Workspace());

        var act = () => store.SearchAsync("100", "u1", text);

        await act.Should().NotThrowAsync();
    }

    [Fact]
    public async Task SharedEmail_IsRefusedByEveryQuery_NamingTheCandidates()
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        await SqlitePermissionStoreTests.WriteAsync(store, SharedEmail());

        var queries = new Dictionary<string, Func<Task>>
        {
            ["ResolveUserAsync"] = () => store.ResolveUserAsync("100", "JANE@acme.example"),
            ["ListAccessibleAsync"] = () => store.ListAccessibleAsync("100", "JANE@acme.example"),
            ["SearchAsync"] = () => store.SearchAsync("100", "JANE@acme.example", "rocket"),
            ["ExplainAsync"] = () => store.ExplainAsync("100", "JANE@acme.example", "k1"),
        };
        foreach (var (name, query) in queries)
        {
            var refusal = (await query.Should().ThrowAsync<AmbiguousUserException>(name)).Which;
            refusal.CandidateGids.Should().Equal(["u2", "u3"], name);
            refusal.Message.Should().Contain("u2").And.Contain("u3");
        }

        // A gid wins; a unique address resolves whatever its case.
        (await store.ResolveUserAsync("100", "u3")).Should().Be("u3");
        (await store.ListAccessibleAsync("100", "u3")).Should().Equal("k1");
        (await store.ResolveUserAsync("100", "ANN@acme.example")).Should().Be("u1");
    }

    [Theory]
    [InlineData("ann@acme.example")]
    [InlineData("ANN@ACME.EXAMPLE")]
    [InlineData("jane@acme.example")]
    [InlineData("u2")]
    [InlineData("U2")]
    [InlineData("no-address-here")]
    [InlineData("NO-ADDRESS-HERE")]
    [InlineData("nobody@acme.example")]
    public async Task ResolveUserAsync_AgreesWithTheEngine(string user)
    {
        using var db = new TempDatabase();
        using var store = db.Open();
        var data = SharedEmail();
        await SqlitePermissionStoreTests.WriteAsync(store, data);
        var engine = WorkspacePermissions.Build(data);

        var expected = Outcome(() => Task.FromResult(engine.ResolveUser(user)));
        var actual = Outcome(() => store.ResolveUserAsync("100", user));

        (await actual).Should().Be(await expected);
    }

    private static async Task<string> Outcome(Func<Task<string?>> resolve)
    {
        try
        {
            return await resolve() ?? "(nobody)";
        }
        catch (AmbiguousUserException ex)
        {
            return "ambiguous: " + string.Join(",", ex.CandidateGids);
        }
    }
}
