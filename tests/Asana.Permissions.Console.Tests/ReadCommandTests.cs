using System.Text.Json;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Console.Tests;

public sealed class ReadCommandTests
{
    [Fact]
    public async Task Sync_ThenVisibleAllUsers_MatchesTheGroundTruth_AndStdoutIsJsonAlone()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        var sync = await Cli.RunAsync(sim.SyncArgs(temp.Database));
        sync.ExitCode.Should().Be(0, sync.ToString());
        sync.Stdout.Should().BeEmpty("sync prints its summary on stderr");
        sync.Stderr.Should().Contain("full");

        var run = await Cli.RunAsync("visible", "--all-users", "--db", temp.Database);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stderr.Should().BeEmpty();
        using var json = run.Json();
        var actual = json.RootElement.EnumerateObject().ToDictionary(
            p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var expected = sim.Expected();
        actual.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (user, visible) in expected)
        {
            actual[user].Should().BeEquivalentTo(visible, $"user {user}");
        }
    }

    [Fact]
    public async Task VisibleForOneUser_ByGidOrEmail_IsTheirSet()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);
        var data = sim.Organization.ToWorkspaceData();
        var expected = sim.Expected();
        var member = data.Users.First(u => u.Email is not null && data.WorkspaceMemberships.Single(m => m.UserGid == u.Gid) is { IsActive: true, IsGuest: false });
        var guest = data.Users.First(u => data.WorkspaceMemberships.Single(m => m.UserGid == u.Gid) is { IsActive: true, IsGuest: true });

        foreach (var (user, key) in new[] { (member.Email!.ToUpperInvariant(), member.Gid), (guest.Gid, guest.Gid) })
        {
            var run = await Cli.RunAsync("visible", "--user", user, "--db", temp.Database);
            run.ExitCode.Should().Be(0, run.ToString());
            run.Stderr.Should().BeEmpty();
            using var json = run.Json();
            var tickets = json.RootElement.EnumerateArray().Select(e => e.GetString()!).ToList();
            tickets.Should().BeEquivalentTo(expected[key]);
            tickets.Should().BeInAscendingOrder(StringComparer.Ordinal);
        }
    }

    [Fact]
    public async Task Check_AgreesWithTheGroundTruth_AndNamesTheGrants()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);
        var data = sim.Organization.ToWorkspaceData();
        var expected = sim.Expected();
        var hidden = Simulation.Undiscoverable(data);
        var tasks = data.Tasks.Where(t => !hidden.Contains(t.Gid)).Select(t => t.Gid).ToList();
        var checkedAllowed = 0;
        var checkedDenied = 0;
        foreach (var user in data.Users.Take(8))
        {
            foreach (var task in tasks.Where((_, i) => i % 9 == 0))
            {
                var run = await Cli.RunAsync("check", "--user", user.Gid, "--ticket", task, "--db", temp.Database);
                run.ExitCode.Should().Be(0, run.ToString());
                run.Stderr.Should().BeEmpty();
                using var json = run.Json();
                json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("allowed", "because");
                var allowed = json.RootElement.GetProperty("allowed").GetBoolean();
                var because = json.RootElement.GetProperty("because").EnumerateArray().Select(e => e.GetString()).ToList();
                allowed.Should().Be(expected[user.Gid].Contains(task), $"user {user.Gid}, task {task}");
                if (allowed)
                {
                    because.Should().NotBeEmpty().And.OnlyContain(s => !string.IsNullOrWhiteSpace(s));
                    checkedAllowed++;
                }
                else
                {
                    because.Should().BeEmpty();
                    checkedDenied++;
                }
            }
        }

        checkedAllowed.Should().BePositive();
        checkedDenied.Should().BePositive();
    }

    [Fact]
    public async Task Export_IsTheMergeShapedModel()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);
        var run = await Cli.RunAsync("export", "--db", temp.Database);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stderr.Should().BeEmpty();
        using var json = run.Json();
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("workspace", "roles", "users", "teams", "collections", "tickets", "tags");
        root.GetProperty("workspace").GetProperty("remote_id").GetString().Should().Be(sim.Workspace);
        root.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("remote_id").GetString()).Should().BeEquivalentTo("ADMIN", "MEMBER", "GUEST");

        var data = sim.Organization.ToWorkspaceData();
        var hidden = Simulation.Undiscoverable(data);
        root.GetProperty("users").GetArrayLength().Should().Be(data.Users.Count);
        root.GetProperty("teams").GetArrayLength().Should().Be(data.Teams.Count);
        var collections = root.GetProperty("collections").EnumerateArray().ToList();
        collections.Count(c => c.GetProperty("collection_type").GetString() == "PROJECT").Should().Be(data.Projects.Count);
        collections.Count(c => c.GetProperty("collection_type").GetString() == "LIST").Should().Be(data.Sections.Count);
        var tickets = root.GetProperty("tickets").EnumerateArray().ToList();
        tickets.Select(t => t.GetProperty("remote_id").GetString()).Should().BeEquivalentTo(data.Tasks.Where(t => !hidden.Contains(t.Gid)).Select(t => t.Gid));

        var effects = tickets.Concat(collections).SelectMany(t => t.GetProperty("permissions").EnumerateArray()).Select(p => p.GetProperty("effect").GetString()).Distinct();
        effects.Should().BeEquivalentTo("ALLOWED", "INHERITED");
        var subtask = tickets.First(t => t.GetProperty("ticket_type").GetString() == "subtask");
        subtask.GetProperty("parent_ticket").GetString().Should().NotBeNullOrEmpty();
        subtask.GetProperty("permissions").EnumerateArray()
            .Should().Contain(p => p.GetProperty("applied_to_tickets").GetArrayLength() == 1 && p.GetProperty("effect").GetString() == "INHERITED");
    }

    [Fact]
    public async Task Search_NeverReturnsATaskTheUserCannotSee()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);
        var data = sim.Organization.ToWorkspaceData();
        var expected = sim.Expected();
        var words = data.Tasks.SelectMany(t => t.Name.Split(' ')).Where(w => w.Length >= 4 && w.All(char.IsLetter))
            .GroupBy(w => w, StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count()).Take(3).Select(g => g.Key).ToList();
        var totalHits = 0;
        var hitCounts = new List<int>();
        foreach (var user in data.Users)
        {
            foreach (var word in words)
            {
                var run = await Cli.RunAsync("search", "--user", user.Gid, word, "--limit", "1000", "--db", temp.Database);
                run.ExitCode.Should().Be(0, run.ToString());
                using var json = run.Json();
                var hits = json.RootElement.EnumerateArray().Select(h => h.GetProperty("remote_id").GetString()!).ToList();
                hits.Where(h => !expected[user.Gid].Contains(h)).Should().BeEmpty($"user {user.Gid} searched '{word}'");
                totalHits += hits.Count;
                hitCounts.Add(hits.Count);
            }
        }

        totalHits.Should().BePositive();
        hitCounts.Distinct().Should().HaveCountGreaterThan(1, "different users see different results");
    }

    [Fact]
    public async Task Search_ControlCharactersInText_SeparateWords_NeverARawError()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);
        var data = sim.Organization.ToWorkspaceData();
        var (user, task) = sim.Expected().SelectMany(p => p.Value.Select(t => (User: p.Key, Task: data.Tasks.Single(x => x.Gid == t))))
            .First(p => p.Task.Name.Split(' ').Count(w => w.Length >= 3 && w.All(char.IsLetter)) >= 2);
        var words = task.Name.Split(' ').Where(w => w.Length >= 3 && w.All(char.IsLetter)).Take(2).ToList();

        var spaced = await Cli.RunAsync("search", "--user", user, $"{words[0]} {words[1]}", "--limit", "10000", "--db", temp.Database);
        foreach (var control in new[] { "\0", "\u0001", "\u001b", "\u007f", "\u0085" })
        {
            var run = await Cli.RunAsync("search", "--user", user, $"{words[0]}{control}{words[1]}", "--limit", "10000", "--db", temp.Database);
            run.ExitCode.Should().Be(0, run.ToString());
            run.Stdout.Should().Be(spaced.Stdout);
            run.Stderr.Should().NotContain(control);
            using var json = run.Json();
            json.RootElement.EnumerateArray().Select(h => h.GetProperty("remote_id").GetString()).Should().Contain(task.Gid);

            var only = await Cli.RunAsync("search", "--user", user, control + control, "--db", temp.Database);
            only.ExitCode.Should().Be(2, only.ToString());
            only.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: search needs the text");
        }
    }

    [Fact]
    public async Task SharedEmail_EveryUserCommand_RefusesInOneLineNamingTheCandidates()
    {
        await using var sim = await Simulation.StartAsync();
        var data = sim.Organization.ToWorkspaceData();
        var jane = data.Users.First(u => u.Email is not null && data.WorkspaceMemberships.Single(m => m.UserGid == u.Gid).IsActive);
        var twin = sim.Organization.AddUser("Jane's twin", jane.Email!.ToUpperInvariant());
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);
        var task = data.Tasks[0].Gid;
        var candidates = string.Join(", ", new[] { jane.Gid, twin }.Order(StringComparer.Ordinal));

        var commands = new[]
        {
            new[] { "visible", "--user", jane.Email! },
            ["check", "--user", jane.Email!, "--ticket", task],
            ["explain", "--user", jane.Email!, "--ticket", task],
            ["search", "--user", jane.Email!, "task"],
        };
        foreach (var command in commands)
        {
            var run = await Cli.RunAsync([.. command, "--db", temp.Database]);
            run.ExitCode.Should().Be(1, run.ToString());
            run.Stdout.Should().BeEmpty();
            run.StderrLines.Should().ContainSingle().Which.Should()
                .Be($"error: the email address {jane.Email} belongs to 2 users ({candidates}): pass --user one of these gids");
        }

        // By gid, each of them is answered.
        (await Cli.RunAsync("check", "--user", twin, "--ticket", task, "--db", temp.Database)).ExitCode.Should().Be(0);
        (await Cli.RunAsync("visible", "--user", jane.Gid, "--db", temp.Database)).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Explain_SaysWhyAndWhyNot()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);
        var data = sim.Organization.ToWorkspaceData();
        var expected = sim.Expected();
        var inactive = data.WorkspaceMemberships.First(m => !m.IsActive).UserGid;
        var (user, task) = expected.Where(p => p.Value.Count > 0).Select(p => (p.Key, p.Value.First())).First();

        var allowed = await Cli.RunAsync("explain", "--user", user, "--ticket", task, "--db", temp.Database);
        allowed.ExitCode.Should().Be(0, allowed.ToString());
        allowed.Stdout.Should().StartWith("ALLOWED").And.Contain("because");

        var denied = await Cli.RunAsync("explain", "--user", inactive, "--ticket", task, "--db", temp.Database);
        denied.ExitCode.Should().Be(0, denied.ToString());
        denied.Stdout.Should().StartWith("DENIED").And.Contain("not an active member");
    }

    [Fact]
    public async Task Purge_RemovesTheWorkspace()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);

        var purge = await Cli.RunAsync("purge", "--workspace", sim.Workspace, "--db", temp.Database);
        purge.ExitCode.Should().Be(0, purge.ToString());
        purge.Stdout.Should().BeEmpty();

        var visible = await Cli.RunAsync("visible", "--all-users", "--db", temp.Database);
        visible.ExitCode.Should().Be(1);
        visible.Stdout.Should().BeEmpty();
        visible.StderrLines.Should().ContainSingle().Which.Should().Contain("no synced workspace");

        var again = await Cli.RunAsync("purge", "--workspace", sim.Workspace, "--db", temp.Database);
        again.ExitCode.Should().Be(1);
        again.StderrLines.Should().ContainSingle().Which.Should().Be($"error: unknown workspace {sim.Workspace} (the store {temp.Database} holds no workspace)");
    }

    [Fact]
    public async Task SeveralWorkspaces_ReadingCommandsNeedWorkspace_OnlyThen()
    {
        await using var first = await Simulation.StartAsync(3);
        await using var second = await Simulation.StartAsync(4);
        first.Workspace.Should().NotBe(second.Workspace);
        using var temp = new TempFolder();
        (await Cli.RunAsync(first.SyncArgs(temp.Database))).ExitCode.Should().Be(0);
        (await Cli.RunAsync(second.SyncArgs(temp.Database))).ExitCode.Should().Be(0);

        var ambiguous = await Cli.RunAsync("export", "--db", temp.Database);
        ambiguous.ExitCode.Should().Be(2);
        ambiguous.StderrLines.Should().ContainSingle().Which.Should().Contain("--workspace").And.Contain(first.Workspace).And.Contain(second.Workspace);

        var named = await Cli.RunAsync("visible", "--all-users", "--workspace", second.Workspace, "--db", temp.Database);
        named.ExitCode.Should().Be(0, named.ToString());
        using var json = named.Json();
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(second.Expected().Keys);
    }

    [Fact]
    public async Task UnknownWorkspaceUserOrTicket_IsOneLineAndExitCode1()
    {
        await using var sim = await Simulation.StartAsync();
        using var temp = new TempFolder();
        (await Cli.RunAsync(sim.SyncArgs(temp.Database))).ExitCode.Should().Be(0);
        var user = sim.Organization.GetUserGids()[0];

        var cases = new[]
        {
            (new[] { "visible", "--user", user, "--workspace", "123", "--db", temp.Database }, "error: unknown workspace 123"),
            (new[] { "visible", "--user", "nobody@nowhere.example", "--db", temp.Database }, "error: unknown user nobody@nowhere.example"),
            (new[] { "check", "--user", user, "--ticket", "999", "--db", temp.Database }, "error: unknown task 999"),
        };
        foreach (var (args, message) in cases)
        {
            var run = await Cli.RunAsync(args);
            run.ExitCode.Should().Be(1, run.ToString());
            run.Stdout.Should().BeEmpty();
            run.StderrLines.Should().ContainSingle().Which.Should().StartWith(message);
        }
    }
}
