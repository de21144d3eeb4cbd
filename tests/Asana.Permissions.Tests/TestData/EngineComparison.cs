using Asana.Permissions.Sources;

namespace Asana.Permissions.Tests.TestData;

/// <summary>Asserts that two engines give the same answer to every question about the given users and tasks.</summary>
internal static class EngineComparison
{
    public static IEnumerable<string> UserCandidates(WorkspaceData data) =>
        data.Users.Select(u => u.Gid)
            .Concat(data.WorkspaceMemberships.Select(m => m.UserGid))
            .Concat(data.Tasks.SelectMany(t => t.FollowerGids))
            .Concat(["u0", "u5", "u13", "stranger", "nobody"])
            .Distinct();

    public static void AssertSameAnswers(WorkspacePermissions actual, WorkspacePermissions expected, WorkspaceData data, IEnumerable<string>? extraTasks = null)
    {
        var tasks = data.Tasks.Select(t => t.Gid).Concat(extraTasks ?? []).Append("never-existed").Distinct().ToList();
        var users = UserCandidates(data).ToList();
        foreach (var user in users)
        {
            actual.ListAccessible(user).Should().Equal(expected.ListAccessible(user), "ListAccessible({0})", user);
            actual.GetUserPrincipalTokens(user).Should().Equal(expected.GetUserPrincipalTokens(user), "user tokens of {0}", user);
            foreach (var task in tasks)
            {
                actual.CanView(user, task).Should().Be(expected.CanView(user, task), "CanView({0}, {1})", user, task);
                var a = actual.Explain(user, task);
                var e = expected.Explain(user, task);
                a.Should().BeEquivalentTo(e, o => o.WithStrictOrdering(), "Explain({0}, {1})", user, task);
            }
        }

        foreach (var task in tasks)
        {
            actual.ListPrincipals(task).Should().Equal(expected.ListPrincipals(task), "ListPrincipals({0})", task);
            actual.GetTicketPrincipalTokens(task).Should().Equal(expected.GetTicketPrincipalTokens(task), "tokens of {0}", task);
        }

        actual.ToMergeModel().Should().BeEquivalentTo(expected.ToMergeModel(), o => o.WithStrictOrdering());
    }
}
