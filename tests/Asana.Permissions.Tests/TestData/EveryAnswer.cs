namespace Asana.Permissions.Tests.TestData;

/// <summary>Asks one (user, task) question every way the engine answers it.</summary>
internal static class EveryAnswer
{
    /// <summary>CanView, Explain, ListAccessible, ListPrincipals and the principal tokens all give <paramref name="expected"/>.</summary>
    public static void ShouldBe(WorkspacePermissions engine, string user, string task, bool expected)
    {
        engine.CanView(user, task).Should().Be(expected, "CanView({0}, {1})", user, task);
        engine.Explain(user, task).Allowed.Should().Be(expected, "Explain({0}, {1})", user, task);
        engine.ListAccessible(user).Contains(task).Should().Be(expected, "ListAccessible({0})", user);
        engine.ListPrincipals(task).Contains(user).Should().Be(expected, "ListPrincipals({0})", task);
        var tokens = engine.GetTicketPrincipalTokens(task);
        engine.GetUserPrincipalTokens(user).Any(tokens.Contains).Should().Be(expected, "the tokens of {0} and {1}", user, task);
    }
}
