using System.Collections.Concurrent;
using Asana.Permissions.Sources;
using Asana.Simulator;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Xunit.Abstractions;

namespace Asana.Sync.Tests.Concurrency;

/// <summary>
/// Several syncs of the same workspace and of another at once, each through its own store instance (as separate
/// processes would), readers throughout, mutations (deletions and revocations included), faults on, and a purge of the
/// second workspace partway. Then one more incremental sync must be exact, the purge must have stuck unless a sync
/// started after it, and no reader may ever have seen a half-written sync.
/// </summary>
public sealed class StormTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StormDuration = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Storm_OfSyncsReadersMutationsFaultsAndAPurge_EndsExact_AfterOneMoreIncrementalSync()
    {
        var a = SimulatedOrganization.Generate(51, OrganizationShape.Small);
        var b = SimulatedOrganization.Generate(52, OrganizationShape.Small with { IsOrganization = false });
        // Premium search on, so its paths run in the storm too (and no task is undiscoverable).
        var premium = new SimulatorOptions { PremiumSearch = true };
        await using var simA = await SimulatedAsana.StartAsync(a, premium);
        await using var simB = await SimulatedAsana.StartAsync(b, premium);
        foreach (var sim in new[] { simA, simB })
        {
            sim.Faults.RetryAfter = TimeSpan.FromMilliseconds(20);
            sim.Faults.FailRate(0.02, FaultKind.TooManyRequests, seed: 1);
            sim.Faults.FailRate(0.02, FaultKind.ServiceUnavailable, seed: 2);
            sim.Faults.FailRate(0.01, FaultKind.ConnectionReset, seed: 3);
        }

        using var db = new TempDatabase();
        using var clientA = Harness.Client(simA, searchRequestsPerMinute: 6000);
        using var clientB = Harness.Client(simB, searchRequestsPerMinute: 6000);
        using (var setup = db.Open())
        {
            await new AsanaSyncEngine(clientA, setup).SyncAsync(a.WorkspaceGid, SyncMode.Full);
            await new AsanaSyncEngine(clientB, setup).SyncAsync(b.WorkspaceGid, SyncMode.Full);
        }

        var end = DateTimeOffset.UtcNow + StormDuration;
        var purgeB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var unexpected = new ConcurrentQueue<string>();
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var restartedB = new ConcurrentBag<long>();
        long purgeGeneration = -1;
        var verifiedSnapshots = 0;
        var skippedSnapshots = 0;

        async Task SyncLoop(SimulatedOrganization org, Asana.Client.AsanaClient client, int seed, bool stopsAtPurge)
        {
            var random = new Random(seed);
            using var store = db.Open();
            while (DateTimeOffset.UtcNow < end && !(stopsAtPurge && purgeB.Task.IsCompleted))
            {
                var recording = new RecordingStore(store);
                var mode = random.Next(6) switch { 0 => SyncMode.Full, 1 or 2 => SyncMode.Incremental, _ => SyncMode.Auto };
                var engine = new AsanaSyncEngine(client, recording, new AsanaSyncOptions { SyncLeaseWait = TimeSpan.FromSeconds(3), MaxParallelism = 4 });
                try
                {
                    await engine.SyncAsync(org.WorkspaceGid, mode);
                    outcomes.AddOrUpdate($"{org.WorkspaceGid} committed", 1, (_, n) => n + 1);
                    if (stopsAtPurge && purgeB.Task.IsCompleted)
                    {
                        restartedB.Add(recording.StartedFrom);
                    }
                }
                catch (AsanaSyncException ex) when (ex.InnerException is PermissionStoreException refused)
                {
                    outcomes.AddOrUpdate($"{org.WorkspaceGid} {refused.Error}", 1, (_, n) => n + 1);
                }
                catch (AsanaSyncException ex)
                {
                    // A fault the client gave up on: allowed, as long as it changed nothing (checked at the end).
                    outcomes.AddOrUpdate($"{org.WorkspaceGid} failed: {ex.StatusCode}", 1, (_, n) => n + 1);
                }
                catch (Exception ex)
                {
                    unexpected.Enqueue($"sync of {org.WorkspaceGid}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        async Task ReadLoop(string workspaceGid)
        {
            using var reader = SqlitePermissionStore.OpenReadOnly(db.Path);
            while (DateTimeOffset.UtcNow < end)
            {
                try
                {
                    // Generations only grow: equal before and after means every read below saw the same committed state.
                    var before = await reader.GetGenerationAsync(workspaceGid);
                    var visible = await reader.ListAccessibleForAllUsersAsync(workspaceGid);
                    var permissions = await reader.LoadPermissionsAsync(workspaceGid);
                    if (await reader.GetGenerationAsync(workspaceGid) != before)
                    {
                        Interlocked.Increment(ref skippedSnapshots);
                        continue;
                    }

                    if (permissions is null)
                    {
                        if (visible.Count > 0)
                        {
                            unexpected.Enqueue($"reader: {workspaceGid} has visible rows but no workspace");
                        }
                    }
                    else
                    {
                        foreach (var (user, tickets) in visible)
                        {
                            if (!permissions.ListAccessible(user).SequenceEqual(tickets))
                            {
                                unexpected.Enqueue($"reader: generation {before} of {workspaceGid}: the rows and the records disagree for user {user}");
                                break;
                            }
                        }
                    }

                    Interlocked.Increment(ref verifiedSnapshots);
                }
                catch (Exception ex)
                {
                    unexpected.Enqueue($"reader of {workspaceGid}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        async Task MutateLoop(SimulatedOrganization org, int seed)
        {
            var random = new Random(seed);
            while (DateTimeOffset.UtcNow < end)
            {
                Mutate(org, random);
                await Task.Delay(random.Next(20, 120));
            }
        }

        async Task PurgeHalfway()
        {
            await Task.Delay(StormDuration / 2);
            using var store = db.Open();
            purgeB.SetResult();
            await store.PurgeAsync(b.WorkspaceGid);
            Interlocked.Exchange(ref purgeGeneration, await store.GetGenerationAsync(b.WorkspaceGid));
        }

        await Task.WhenAll(
            Task.Run(() => SyncLoop(a, clientA, 1, stopsAtPurge: false)),
            Task.Run(() => SyncLoop(a, clientA, 2, stopsAtPurge: false)),
            Task.Run(() => SyncLoop(a, clientA, 3, stopsAtPurge: false)),
            Task.Run(() => SyncLoop(b, clientB, 4, stopsAtPurge: true)),
            Task.Run(() => SyncLoop(b, clientB, 5, stopsAtPurge: true)),
            Task.Run(() => ReadLoop(a.WorkspaceGid)),
            Task.Run(() => ReadLoop(b.WorkspaceGid)),
            Task.Run(() => MutateLoop(a, 6)),
            Task.Run(() => MutateLoop(b, 7)),
            Task.Run(PurgeHalfway));

        output.WriteLine($"outcomes: {string.Join(", ", outcomes.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}"))}");
        output.WriteLine($"reader snapshots verified {verifiedSnapshots}, skipped (a commit in between) {skippedSnapshots}; faults injected A {simA.Faults.Injected}, B {simB.Faults.Injected}");
        unexpected.Should().BeEmpty();
        outcomes.GetValueOrDefault($"{a.WorkspaceGid} committed").Should().BeGreaterThan(1);
        verifiedSnapshots.Should().BeGreaterThan(0);

        // The purge stuck, unless a sync that started after it committed.
        using var final = db.Open();
        var bPresent = (await final.ListWorkspacesAsync()).Any(w => w.Gid == b.WorkspaceGid);
        bPresent.Should().Be(restartedB.Any(started => started >= Interlocked.Read(ref purgeGeneration)), $"B restarted from {string.Join(", ", restartedB)}; purged at {purgeGeneration}");

        simA.Faults.Clear();
        simB.Faults.Clear();
        var last = await new AsanaSyncEngine(clientA, final).SyncAsync(a.WorkspaceGid, SyncMode.Incremental);
        last.Mode.Should().Be(SyncMode.Incremental);
        var cmp = await Harness.CompareAsync(final, a);
        await DescribeAsync(final, a, cmp);
        cmp.OverGrants.Should().BeEmpty();
        cmp.UnderGrants.Should().BeEmpty();
        if (bPresent)
        {
            (await new AsanaSyncEngine(clientB, final).SyncAsync(b.WorkspaceGid, SyncMode.Incremental)).Mode.Should().Be(SyncMode.Incremental);
            var cmpB = await Harness.CompareAsync(final, b);
            await DescribeAsync(final, b, cmpB);
            cmpB.OverGrants.Should().BeEmpty();
            cmpB.UnderGrants.Should().BeEmpty();
        }
    }

    private async Task DescribeAsync(SqlitePermissionStore store, SimulatedOrganization org, Harness.Comparison comparison)
    {
        var truth = org.ToWorkspaceData();
        var stored = (await store.LoadAsync(org.WorkspaceGid))!.Data;
        foreach (var gid in comparison.OverGrants.Concat(comparison.UnderGrants).Select(p => p.Split("->")[1]).Distinct())
        {
            output.WriteLine($"task {gid}: Asana {Describe(truth, gid)}; stored {Describe(stored, gid)}");
        }

        static string Describe(WorkspaceData data, string gid)
        {
            var chain = new List<string>();
            for (var task = data.Tasks.FirstOrDefault(t => t.Gid == gid); task is not null; task = task.ParentGid is null ? null : data.Tasks.FirstOrDefault(t => t.Gid == task.ParentGid))
            {
                chain.Add($"[{task.Gid} in {string.Join("/", task.Memberships.Select(m => m.ProjectGid))} assignee {task.AssigneeGid} followers {string.Join("/", task.FollowerGids)}]");
            }

            return chain.Count == 0 ? "absent" : string.Join(" under ", chain);
        }
    }

    /// <summary>One random change: additions, edits, and the revocations and deletions a stale grant would survive.</summary>
    private static void Mutate(SimulatedOrganization org, Random random)
    {
        var data = org.ToWorkspaceData();
        var active = data.WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest).Select(m => m.UserGid).ToList();
        var projects = org.GetProjectGids();
        var tasks = data.Tasks;
        try
        {
            switch (random.Next(9))
            {
                case 0:
                    org.AddTask(projects[random.Next(projects.Count)], "Storm task", assigneeGid: active[random.Next(active.Count)], followerGids: [active[random.Next(active.Count)]]);
                    break;
                case 1 when tasks.Count > 0:
                    // Not a first subtask below a project-less subtask: no event stream reaches that depth and no listing
                    // is re-read for a task without subtasks, so only the next full sync finds it (a known limit in
                    // the README, found by this storm; not a matter of concurrency).
                    var parent = tasks[random.Next(tasks.Count)];
                    if (parent.Memberships.Count > 0 || org.GetSubtaskGids(parent.Gid).Count > 0)
                    {
                        org.AddSubtask(parent.Gid, "Storm subtask", followerGids: [active[random.Next(active.Count)]]);
                    }

                    break;
                case 2 when tasks.Count > 20:
                    org.DeleteTask(tasks[random.Next(tasks.Count)].Gid);
                    break;
                case 3 when tasks.Any(t => t.FollowerGids.Count > 0):
                    var followed = tasks.Where(t => t.FollowerGids.Count > 0).ToList()[random.Next(tasks.Count(t => t.FollowerGids.Count > 0))];
                    org.RemoveFollower(followed.Gid, followed.FollowerGids[random.Next(followed.FollowerGids.Count)]);
                    break;
                case 4 when data.ProjectMemberships.Count > 0:
                    var membership = data.ProjectMemberships[random.Next(data.ProjectMemberships.Count)];
                    org.RemoveProjectMember(membership.ProjectGid, membership.MemberGid);
                    break;
                case 5:
                    org.SetProjectPrivacy(projects[random.Next(projects.Count)], random.Next(2) == 0 ? PrivacySettings.Private : PrivacySettings.PublicToWorkspace);
                    break;
                case 6 when data.TeamMemberships.Count > 0:
                    var teamMember = data.TeamMemberships[random.Next(data.TeamMemberships.Count)];
                    org.SetTeamMemberLimitedAccess(teamMember.TeamGid, teamMember.UserGid, !teamMember.IsLimitedAccess);
                    break;
                case 7 when active.Count > 8:
                    org.DeactivateUser(active[random.Next(active.Count)]);
                    break;
                default:
                    var task = tasks[random.Next(tasks.Count)];
                    if (task.Memberships.Count > 0)
                    {
                        org.MoveTask(task.Gid, task.Memberships[0].ProjectGid, projects[random.Next(projects.Count)]);
                    }

                    break;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // A change the simulated Asana refuses (moving a task to its own project, an owner who must stay...).
        }
    }
}
