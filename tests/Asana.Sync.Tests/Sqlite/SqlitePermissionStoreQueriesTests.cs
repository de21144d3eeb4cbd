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

        (await store.SearchAsync("u1", $"rocket{control}launch")).Select(h => h.TicketGid).Should().Equal("k1");
        (await store.SearchAsync("u1", $"{control}fuel{control}")).Select(h => h.TicketGid).Should().Equal("k1");
        // Two words, not the phrase "fuel engines" (the notes say "fuel and engines").
        (await store.SearchAsync("u1", $"fuel{control}engines")).Select(h => h.TicketGid).Should().Equal("k1");
        (await store.SearchAsync("u1", $"rocket{control}nothing")).Should().BeEmpty();
        (await store.SearchAsync("u1", control + control)).Should().BeEmpty();
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

        var act = () => store.SearchAsync("u1", text);

        await act.Should().NotThrowAsync();
    }
}
