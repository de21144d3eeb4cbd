using Asana.Permissions.Sources;

namespace Asana.Permissions.Tests.TestData;

/// <summary>Small seeded random organizations: every privacy, guests, inactive users, nesting, dangling references.</summary>
internal static class RandomWorkspaces
{
    public static readonly string[] Privacies = [PrivacySettings.PublicToWorkspace, PrivacySettings.PrivateToTeam, PrivacySettings.Private, "something_new"];

    public static WorkspaceBuilder Create(int seed, bool isOrganization = true)
    {
        var random = new Random(seed);
        var b = new WorkspaceBuilder(isOrganization);
        for (var u = 0; u < 14; u++)
        {
            var member = random.NextDouble() > 0.05;
            b.User("u" + u, active: random.NextDouble() > 0.15, admin: random.NextDouble() < 0.15,
                guest: isOrganization && random.NextDouble() < 0.25, member: member);
        }

        var teams = isOrganization ? 4 : 0;
        for (var t = 0; t < teams; t++)
        {
            b.Team("t" + t, "Team " + t, Enumerable.Range(0, 14).Where(_ => random.NextDouble() < 0.3).Select(u => "u" + u).ToArray());
        }

        for (var p = 0; p < 8; p++)
        {
            b.Project("p" + p, "Project " + p, Privacies[random.Next(Privacies.Length)],
                teams > 0 && random.NextDouble() < 0.8 ? "t" + random.Next(teams) : null,
                Enumerable.Range(0, 14).Where(_ => random.NextDouble() < 0.12).Select(u => "u" + u).ToArray(),
                Enumerable.Range(0, teams).Where(_ => random.NextDouble() < 0.2).Select(t => "t" + t).ToArray());
            b.Section("s" + p, "p" + p);
        }

        for (var i = 0; i < 40; i++)
        {
            b.Tasks.Add(RandomTask(random, "k" + i, i));
        }

        return b;
    }

    public static TaskRecord RandomTask(Random random, string gid, int existingCount)
    {
        string? parent = existingCount > 0 && random.NextDouble() < 0.35
            ? (random.NextDouble() < 0.9 ? "k" + random.Next(existingCount + 3) : "missing")
            : null;
        var projectCount = parent is null ? random.Next(0, 3) : (random.NextDouble() < 0.2 ? 1 : 0);
        var projects = Enumerable.Range(0, projectCount).Select(_ => random.NextDouble() < 0.9 ? "p" + random.Next(8) : "ghost").Distinct().ToArray();
        var followers = Enumerable.Range(0, random.Next(0, 3)).Select(_ => random.NextDouble() < 0.9 ? "u" + random.Next(14) : "stranger").ToArray();
        var assignee = random.NextDouble() < 0.4 ? "u" + random.Next(14) : null;
        return new TaskRecord(gid, "Task " + gid, assignee, followers,
            projects.Select(p => new TaskPlacement(p, p == "ghost" ? null : "s" + p[1..])).ToArray(), parent);
    }
}
