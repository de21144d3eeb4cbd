using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Asana.Permissions.Sources;
using Asana.Simulator;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace Asana.Permissions.Console.Tests;

/// <summary>
/// <c>serve</c> end to end: the simulator delivers signed webhooks to it over loopback, the refresh queue re-reads what
/// they name, and <c>/v1/check</c> answers from the store. The revocation test measures, for 200 random revocations of six
/// kinds, the time from the change in (simulated) Asana to <c>/v1/check</c> answering false.
/// </summary>
public sealed class ServeCommandTests(ITestOutputHelper output)
{
    /// <summary>Big enough for 200 revocations, small enough that the oracle is quick (80 users, ~650 tasks).</summary>
    private static readonly OrganizationShape Shape = new(
        Users: 80, Admins: 2, Guests: 8, InactiveUsers: 2, Teams: 6, Projects: 30, TasksPerProject: 18,
        SubtaskRatio: 0.15, ProjectlessTasks: 10, MultiHomedRatio: 0.1)
    { TeamSize = 14 };

    private enum Revocation
    {
        ProjectMemberRemoved,
        TeamMemberRemoved,
        PrivacyNarrowed,
        FollowerRemoved,
        UserDeactivated,
        TaskMovedToPrivateProject,
    }

    [Fact]
    public async Task Revocations_ReachCheck_ThroughWebhooks_LongBeforeTheBackstopSync()
    {
        var org = SimulatedOrganization.Generate(5, Shape);
        // Tasks of private projects followed by someone who is no member: removing the follower always revokes. (A
        // project-less task has no project webhook to report it, and Asana has no workspace-level task events: changes to
        // those reach the store at the next backstop sync; see the README.)
        var data = org.ToWorkspaceData();
        var active = ActiveMembers(org);
        var privates = data.Projects.Where(p => p.PrivacySetting == PrivacySettings.Private && !p.Archived).ToList();
        for (var i = 0; i < 40; i++)
        {
            var project = privates[i % privates.Count];
            var members = data.ProjectMemberships.Where(m => m.ProjectGid == project.Gid).Select(m => m.MemberGid).ToHashSet(StringComparer.Ordinal);
            var outsider = active.First(u => !members.Contains(u) && !data.WorkspaceMemberships.Single(m => m.UserGid == u).IsAdmin);
            org.AddTask(project.Gid, $"Confidential follow-up {i}", followerGids: [outsider]);
        }

        // Deliveries every 100 ms (Asana: within a minute on average), some duplicated and out of order. The backstop
        // sync runs once a day, so whatever is revoked in time was revoked by webhooks.
        var webhooks = new WebhookDeliveryOptions { DeliveryInterval = TimeSpan.FromMilliseconds(100), DuplicateRate = 0.1, ReorderRate = 0.1, Seed = 3 };
        await using var h = await ServeHarness.StartAsync(org, webhooks, "--sync-interval", "24h");
        await h.WhenReadyAsync(1 + org.GetProjectGids().Count, TimeSpan.FromMinutes(2));

        var random = new Random(17);
        var before = org.ExpectedVisibility();
        var kinds = Enum.GetValues<Revocation>();
        var polls = new List<Task<(Revocation Kind, double Seconds)>>();
        for (var i = 0; i < 200; i++)
        {
            // Kinds take turns; one with nothing left to revoke (every public project narrowed) passes its turn on.
            var revocation = kinds.Select(k => kinds[(i + (int)k) % kinds.Length]).Select(k => (Kind: k, Result: Revoke(org, k, random, before))).First(r => r.Result is not null);
            var (pair, startedAt, after) = revocation.Result!.Value;
            before = after;
            polls.Add(PollUntilDeniedAsync(h, revocation.Kind, pair.User, pair.Ticket, startedAt));
            if (polls.Count % 10 == 0)
            {
                // At most ten revocations in flight, as a busy workspace would have.
                await Task.WhenAll(polls.Skip(polls.Count - 10));
            }
        }

        var results = await Task.WhenAll(polls);
        var seconds = results.Select(r => r.Seconds).Order().ToArray();
        var p50 = Percentile(seconds, 0.50);
        var p99 = Percentile(seconds, 0.99);
        output.WriteLine($"revocation latency over {seconds.Length} revocations (change in the simulator -> /v1/check false): p50 {p50:F2} s, p99 {p99:F2} s, max {seconds[^1]:F2} s");
        foreach (var group in results.GroupBy(r => r.Kind))
        {
            var s = group.Select(r => r.Seconds).Order().ToArray();
            output.WriteLine($"  {group.Key}: {s.Length}, p50 {Percentile(s, 0.5):F2} s, max {s[^1]:F2} s");
        }

        output.WriteLine($"webhook deliveries: {h.Sim.Webhooks.Statistics}");
        seconds.Should().HaveCount(200).And.OnlyContain(s => s < 60, "webhooks, not the daily backstop sync, revoked them");

        // Nothing stale and nothing over-granted once the queue has drained: every user's visible set is the truth.
        await EventuallyExactAsync(h, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WithoutWebhookDeliveries_StalenessIsBoundedByTheBackstopInterval()
    {
        var org = SimulatedOrganization.Generate(9, OrganizationShape.Small);
        var active = ActiveMembers(org);
        var errand = org.AddProjectlessTask("Errand", active[0], followerGids: [active[1]]);
        // The simulator never delivers: from serve's side the webhook endpoint might as well be down.
        await using var h = await ServeHarness.StartAsync(org, new WebhookDeliveryOptions { DeliveryInterval = null }, "--sync-interval", "5s");
        await h.WhenReadyAsync(1, TimeSpan.FromMinutes(1));
        (await h.AllowedAsync(active[1], errand)).Should().BeTrue();

        var started = Stopwatch.GetTimestamp();
        org.RemoveFollower(errand, active[1]);
        var (_, seconds) = await PollUntilDeniedAsync(h, Revocation.FollowerRemoved, active[1], errand, started);

        output.WriteLine($"with no webhook delivered, revoked after {seconds:F2} s (backstop interval 5 s)");
        h.Sim.Webhooks.Statistics.ToString().Should().NotBeNull();
        seconds.Should().BeLessThan(5 + 20, "the next backstop sync (every 5 s) revokes it; 20 s bounds the sync itself");
    }

    [Fact]
    public async Task Api_AnswersCheckVisibleExplainSearchAndHealth_AndNamesMissingParameters()
    {
        var org = SimulatedOrganization.Generate(13, OrganizationShape.Small);
        await using var h = await ServeHarness.StartAsync(org, new WebhookDeliveryOptions { DeliveryInterval = TimeSpan.FromMilliseconds(200) });
        await h.WhenReadyAsync(1, TimeSpan.FromMinutes(1));
        var expected = org.ExpectedVisibility();
        var (user, tickets) = expected.First(kv => kv.Value.Count > 0);
        var ticket = tickets.Order(StringComparer.Ordinal).First();

        using (var check = JsonDocument.Parse(await h.Http.GetStringAsync($"v1/check?user={user}&ticket={ticket}")))
        {
            check.RootElement.GetProperty("allowed").GetBoolean().Should().BeTrue();
            check.RootElement.GetProperty("because").GetArrayLength().Should().BePositive();
        }

        using (var visible = JsonDocument.Parse(await h.Http.GetStringAsync($"v1/visible?user={user}")))
        {
            visible.RootElement.EnumerateArray().Select(e => e.GetString()!).Should().BeEquivalentTo(tickets.Where(t => !SimulatedOrganization.UndiscoverableWithoutSearch(org.ToWorkspaceData()).Contains(t)));
        }

        using (var explain = JsonDocument.Parse(await h.Http.GetStringAsync($"v1/explain?user={user}&ticket={ticket}")))
        {
            explain.RootElement.GetProperty("explanation").GetArrayLength().Should().BePositive();
        }

        var name = org.GetTask(ticket)!.Name.Split(' ')[0];
        using (var search = JsonDocument.Parse(await h.Http.GetStringAsync($"v1/search?user={user}&q={Uri.EscapeDataString(name)}")))
        {
            search.RootElement.EnumerateArray().Select(e => e.GetProperty("remote_id").GetString()).Should().OnlyContain(t => tickets.Contains(t!), "search is trimmed to what the user may see");
        }

        var missing = await h.Http.GetAsync("v1/check?user=" + user);
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("ticket=");
        (await h.Http.GetAsync("v1/search?user=" + user + "&q=x&limit=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var health = JsonDocument.Parse(await h.Http.GetStringAsync("healthz"));
        health.RootElement.GetProperty("status").GetString().Should().Be("ok");
        health.RootElement.GetProperty("webhooks").GetProperty("failures").GetInt32().Should().Be(0);

        (await h.StopAsync()).Should().Be(0);
        h.Stderr.Should().Contain("stopped").And.NotContain(h.Sim.AccessToken);
    }

    [Theory]
    [InlineData("--listen", "127.0.0.1:8080", "--listen must be an absolute http(s) URL")]
    [InlineData("--listen", "http://127.0.0.1", "with a port")]
    [InlineData("--public-url", "ftp://hooks.example.com", "--public-url must be an absolute http(s) URL")]
    [InlineData("--sync-interval", "2s", "--sync-interval must be a duration from 5s to 24h")]
    [InlineData("--sync-interval", "15", "--sync-interval must be a duration from 5s to 24h")]
    public async Task BadArguments_AreUsageErrors(string option, string value, string message)
    {
        var args = new Dictionary<string, string>
        {
            ["--workspace"] = "1",
            ["--token"] = "secret-token-value",
            ["--listen"] = "http://127.0.0.1:8080",
            ["--public-url"] = "https://hooks.example.com",
        };
        args[option] = value;

        var run = await Cli.RunAsync(["serve", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain(message).And.NotContain("secret-token-value");
    }

    // ---- revocations ----

    private static ((string User, string Ticket) Pair, long StartedAt, IReadOnlyDictionary<string, IReadOnlySet<string>> After)? Revoke(
        SimulatedOrganization org, Revocation kind, Random random, IReadOnlyDictionary<string, IReadOnlySet<string>> before)
    {
        foreach (var mutate in Candidates(org, kind, random))
        {
            var startedAt = Stopwatch.GetTimestamp();
            mutate();
            var after = org.ExpectedVisibility();
            var revoked = before.SelectMany(kv => kv.Value.Where(t => !(after.TryGetValue(kv.Key, out var now) && now.Contains(t))).Select(t => (kv.Key, t))).ToList();
            if (revoked.Count > 0)
            {
                return (revoked[random.Next(revoked.Count)], startedAt, after);
            }

            before = after;
        }

        return null;
    }

    private static IEnumerable<Action> Candidates(SimulatedOrganization org, Revocation kind, Random random)
    {
        var data = org.ToWorkspaceData();
        switch (kind)
        {
            case Revocation.ProjectMemberRemoved:
                foreach (var m in Shuffle(data.ProjectMemberships.Where(m => m.MemberKind == MemberKind.User), random))
                {
                    yield return () => org.RemoveProjectMember(m.ProjectGid, m.MemberGid);
                }

                break;
            case Revocation.TeamMemberRemoved:
                foreach (var m in Shuffle(data.TeamMemberships, random))
                {
                    yield return () => org.RemoveTeamMember(m.TeamGid, m.UserGid);
                }

                break;
            case Revocation.PrivacyNarrowed:
                // One step narrower: public to team-only (when it has a team) or private, team-only to private.
                foreach (var p in Shuffle(data.Projects.Where(p => p.PrivacySetting != PrivacySettings.Private), random))
                {
                    var narrower = p.PrivacySetting == PrivacySettings.PublicToWorkspace && p.TeamGid is not null ? PrivacySettings.PrivateToTeam : PrivacySettings.Private;
                    yield return () => org.SetProjectPrivacy(p.Gid, narrower);
                }

                break;
            case Revocation.FollowerRemoved:
                foreach (var t in Shuffle(data.Tasks.Where(t => t.FollowerGids.Count > 0 && t.Memberships.Count > 0), random))
                {
                    yield return () => org.RemoveFollower(t.Gid, t.FollowerGids[0]);
                }

                break;
            case Revocation.UserDeactivated:
                foreach (var m in Shuffle(data.WorkspaceMemberships.Where(m => m.IsActive && !m.IsAdmin), random))
                {
                    yield return () => org.DeactivateUser(m.UserGid);
                }

                break;
            case Revocation.TaskMovedToPrivateProject:
                var privates = data.Projects.Where(p => p.PrivacySetting == PrivacySettings.Private && !p.Archived).Select(p => p.Gid).ToList();
                foreach (var t in Shuffle(data.Tasks.Where(t => t.ParentGid is null && t.Memberships.Count == 1), random))
                {
                    var from = t.Memberships[0].ProjectGid;
                    var to = privates.FirstOrDefault(p => p != from);
                    if (to is not null)
                    {
                        yield return () => org.MoveTask(t.Gid, from, to);
                    }
                }

                break;
        }
    }

    private static List<T> Shuffle<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }

    private static async Task<(Revocation Kind, double Seconds)> PollUntilDeniedAsync(ServeHarness h, Revocation kind, string user, string ticket, long startedAt)
    {
        var deadline = TimeSpan.FromSeconds(90);
        while (await h.AllowedAsync(user, ticket))
        {
            if (Stopwatch.GetElapsedTime(startedAt) > deadline)
            {
                return (kind, double.PositiveInfinity);
            }

            await Task.Delay(20);
        }

        return (kind, Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
    }

    private static async Task EventuallyExactAsync(ServeHarness h, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp();
        var hidden = SimulatedOrganization.UndiscoverableWithoutSearch(h.Org.ToWorkspaceData());
        while (true)
        {
            var mismatches = new List<string>();
            foreach (var (user, visible) in h.Org.ExpectedVisibility())
            {
                using var got = JsonDocument.Parse(await h.Http.GetStringAsync($"v1/visible?user={user}"));
                var actual = got.RootElement.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
                mismatches.AddRange(actual.Where(t => !visible.Contains(t)).Select(t => $"over-grant {user}->{t}"));
                mismatches.AddRange(visible.Where(t => !actual.Contains(t) && !hidden.Contains(t)).Select(t => $"under-grant {user}->{t}"));
            }

            if (mismatches.Count == 0)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(deadline) > timeout)
            {
                mismatches.Should().BeEmpty();
            }

            await Task.Delay(250);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static List<string> ActiveMembers(SimulatedOrganization org) =>
        [.. org.ToWorkspaceData().WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid)];
}
