using Asana.Permissions.Sources;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests;

/// <summary>
/// Users named by gid or by email: a gid wins, emails match case-insensitively, and an email that several users share
/// names none of them; every method that takes a user refuses it the same way.
/// </summary>
public sealed class UserResolutionTests
{
    private static WorkspaceBuilder Shared() => new WorkspaceBuilder()
        .User("u1", email: "Jane@Acme.test")
        .User("u2", email: "jane@ACME.test")
        .User("u3", email: "ann@acme.test")
        .Project("secret", "Secret", PrivacySettings.Private, users: ["u2"])
        .Task("t1", projects: ["secret"]);

    public static TheoryData<string> EveryUserMethod => new() { "ResolveUser", "CanView", "Explain", "ListAccessible", "GetUserPrincipalTokens" };

    [Theory]
    [MemberData(nameof(EveryUserMethod))]
    public void SharedEmail_IsRefused_NamingEveryCandidate(string method)
    {
        var engine = Shared().Engine();

        var act = () => Ask(engine, method, "JANE@acme.TEST");

        var refusal = act.Should().Throw<AmbiguousUserException>().Which;
        refusal.CandidateGids.Should().Equal("u1", "u2");
        refusal.Email.Should().Be("JANE@acme.TEST");
        refusal.Message.Should().Contain("u1").And.Contain("u2").And.NotContain("\n");
    }

    [Theory]
    [MemberData(nameof(EveryUserMethod))]
    public void Gid_WinsOverEmail_AndAUniqueEmailStillResolves(string method)
    {
        var engine = Shared().Engine();

        var act = () =>
        {
            Ask(engine, method, "u2");
            Ask(engine, method, "ANN@acme.test");
            Ask(engine, method, "nobody@acme.test");
        };

        act.Should().NotThrow();
        engine.ResolveUser("u2").Should().Be("u2");
        engine.ResolveUser("ANN@acme.test").Should().Be("u3");
        engine.ResolveUser("nobody@acme.test").Should().BeNull();
        engine.CanView("u2", "t1").Should().BeTrue();
    }

    [Fact]
    public void Gid_ThatLooksLikeASharedEmail_WinsOverTheEmail()
    {
        var engine = Shared().User("jane@acme.test", email: "other@acme.test").Engine();

        engine.ResolveUser("jane@acme.test").Should().Be("jane@acme.test");
        engine.CanView("jane@acme.test", "t1").Should().BeFalse("the user with that gid is not in the project");
        // Gids match exactly: in another case it is an email again, and a shared one.
        engine.Invoking(e => e.ResolveUser("JANE@acme.test")).Should().Throw<AmbiguousUserException>();
    }

    [Fact]
    public void UpsertUser_ThatSharesOrStopsSharingAnEmail_ChangesTheAnswer()
    {
        var engine = new WorkspaceBuilder().User("u1", email: "jane@acme.test").User("u3", email: "ann@acme.test").Engine();
        engine.ResolveUser("jane@acme.test").Should().Be("u1");

        engine.UpsertUser(new UserRecord("u2", "Jane too", "JANE@acme.test"), new WorkspaceMembershipRecord("u2", true, false, false));
        engine.Invoking(e => e.ResolveUser("jane@acme.test")).Should().Throw<AmbiguousUserException>()
            .Which.CandidateGids.Should().Equal("u1", "u2");

        // u2's email changes: the address is u1's alone again (the index must not forget u1).
        engine.UpsertUser(new UserRecord("u2", "Jane too", "jane.two@acme.test"), new WorkspaceMembershipRecord("u2", true, false, false));
        engine.ResolveUser("jane@acme.test").Should().Be("u1");
        engine.ResolveUser("jane.two@acme.test").Should().Be("u2");
    }

    [Fact]
    public void LaterRecordOfTheSameUser_DoesNotMakeItsEmailShared()
    {
        var builder = new WorkspaceBuilder().User("u1", email: "jane@acme.test");
        builder.Users.Add(new UserRecord("u1", "Jane again", "JANE@acme.test"));

        builder.Engine().ResolveUser("jane@acme.test").Should().Be("u1");
    }

    private static object Ask(WorkspacePermissions engine, string method, string user) => method switch
    {
        "ResolveUser" => engine.ResolveUser(user) ?? string.Empty,
        "CanView" => engine.CanView(user, "t1"),
        "Explain" => engine.Explain(user, "t1"),
        "ListAccessible" => engine.ListAccessible(user),
        "GetUserPrincipalTokens" => engine.GetUserPrincipalTokens(user),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
