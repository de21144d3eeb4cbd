using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Asana.Permissions.Console.Cli;
using Asana.Permissions.Sources;
using Asana.Simulator;
using Asana.Sync;

namespace Asana.Permissions.Console.Commands;

/// <summary>
/// <c>demo [--db PATH] [--seed N]</c>: a simulated organization on loopback, synced with the real client and engine,
/// example decisions, a search, an incremental sync after changes, and a full check against the ground truth.
/// </summary>
internal sealed class DemoCommand : Command
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    // How a reader of the README runs the console (the assembly is not installed as a tool).
    private const string Invocation = "dotnet run --project samples/Asana.Permissions.Console --";

    private readonly Option<string> _database = CliOptions.Database(Defaults.DemoDatabase);
    private readonly Option<int> _seed = CliOptions.WholeNumber(
        "--seed", "The random seed of the simulated organization.", 7, int.MinValue, int.MaxValue, "--seed must be a whole number");

    private readonly Option<bool> _verbose = CliOptions.Verbose();
    private readonly CliContext _context;

    public DemoCommand(CliContext context)
        : base("demo", "Simulate an Asana organization in-process, sync it over loopback HTTP with the real client and sync engine, show example decisions, and verify every (user, task) pair against the ground truth. No token, no network.")
    {
        _context = context;
        Add(_database);
        Add(_seed);
        Add(_verbose);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var seed = parseResult.GetValue(_seed);
        var location = StoreLocation.Parse(parseResult.GetRequiredValue(_database));
        var total = Stopwatch.StartNew();
        var output = _context.Out;

        _context.Err.Line(string.Create(C, $"Generating a simulated Asana organization (seed {seed})..."));
        var organization = SimulatedOrganization.Generate(seed, OrganizationShape.Demo);
        // A premium plan: workspace task search finds project-less tasks that are only followed, so nothing is left out.
        await using var simulator = await SimulatedAsana.StartAsync(organization, new SimulatorOptions { PremiumSearch = true }, cancellationToken);
        var workspaceGid = organization.WorkspaceGid;
        await using (await StoreSession.OpenAsync(location, cancellationToken))
        {
        }

        await using var runner = SyncRunner.Create(_context, simulator.BaseAddress, simulator.AccessToken, location, parseResult.GetValue(_verbose), options =>
        {
            // A loopback simulator has no plan quota to respect: lift the client-side pacing, keep everything else.
            options.RequestsPerMinute = 1_000_000;
            options.SearchRequestsPerMinute = 1_000_000;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
            options.MaxRetryDelay = TimeSpan.FromSeconds(1);
        });

        // 1. Full sync.
        var full = await runner.SyncAsync(_context, workspaceGid, SyncMode.Full, verbose: true, cancellationToken);
        var stored = await runner.Store.LoadAsync(workspaceGid, cancellationToken)
            ?? throw new CliException("the sync committed nothing");
        var data = stored.Data;
        output.Heading("1. Synced a simulated Asana organization over HTTP");
        output.Line($"simulated Asana at {simulator.BaseAddress} -> AsanaClient (HTTP, retries, paging) -> AsanaSyncEngine -> {(location.IsPostgreSql ? string.Empty : "SQLite ")}{location.Description}");
        output.Table(["synced", "count", "of which"], OrganizationRows(data));
        output.Table(["requests (full sync)", "count"], CallRows(full, simulator.Requests.Total));
        output.Line(string.Create(C, $"full sync: {full.Tickets:N0} tickets in {full.Duration.TotalSeconds:0.0} s, {full.Calls.Total:N0} requests ({full.Calls.Failed} failed), {full.Warnings.Count} warning(s)"));
        SyncRunner.PrintWarnings(_context, full);

        var failures = 0;
        failures += await VerifyAsync(_context, runner, organization, full.TaskSearchAvailable == true, "2. Checked every (user, task) pair against the simulator's ground truth", cancellationToken);

        // 3. Example decisions, explained by the engine rebuilt from the store.
        var permissions = WorkspacePermissions.Build(data);
        var explanation = new Explanation(data);
        output.Heading("3. Example decisions (from the store, explained by the permission engine)");
        foreach (var (title, user, task) in Examples.Find(data, permissions))
        {
            output.Line();
            output.Line($"* {title}");
            foreach (var line in explanation.Lines(user, task, await runner.Reader.ExplainAsync(workspaceGid, user, task, cancellationToken)))
            {
                output.Line("  " + line);
            }
        }

        // 4. Search, trimmed to what each user may open.
        output.Heading("4. Permission-trimmed full-text search (the store's full-text index joined with principal tokens)");
        failures += await SearchAsync(_context, runner, data, permissions, cancellationToken);

        // 5. Changes in Asana, then an incremental sync.
        output.Heading("5. Changes in Asana, then an incremental sync");
        foreach (var change in Changes.Apply(organization, data))
        {
            output.Line("  - " + change);
        }

        var incremental = await runner.SyncAsync(_context, workspaceGid, SyncMode.Auto, verbose: true, cancellationToken);
        output.Line(string.Create(C,
            $"incremental sync: {incremental.Calls.Total:N0} requests (full: {full.Calls.Total:N0}), {incremental.TicketsWritten:N0} tickets written, {incremental.TicketsDeleted:N0} deleted, {incremental.Duration.TotalSeconds:0.0} s"));
        output.Line("  by kind: " + string.Join(", ", incremental.Calls.ByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value).Select(k => string.Create(C, $"{k.Key} {k.Value}"))));
        SyncRunner.PrintWarnings(_context, incremental);
        failures += await VerifyAsync(_context, runner, organization, incremental.TaskSearchAvailable == true, "6. Checked every (user, task) pair again after the incremental sync", cancellationToken);

        output.Line();
        if (failures > 0)
        {
            throw new CliException(string.Create(C, $"the store disagrees with the ground truth in {failures} check(s) (see above)"));
        }

        var now = organization.ToWorkspaceData();
        var active = now.WorkspaceMemberships.Where(m => m.IsActive && !m.IsGuest && !m.IsAdmin).Select(m => m.UserGid).ToHashSet(StringComparer.Ordinal);
        var someone = now.Users.FirstOrDefault(u => u.Email is not null && active.Contains(u.Gid));
        var someTask = now.Tasks.FirstOrDefault(t => t.ParentGid is null && t.Memberships.Count > 0)?.Gid ?? "<task gid>";
        output.Line(string.Create(C, $"demo finished in {total.Elapsed.TotalSeconds:0.0} s; the store is {location.Description}. Try:"));
        // A PostgreSQL URI as given (its password is masked in everything printed).
        var db = QuoteIfNeeded(location.Path ?? parseResult.GetRequiredValue(_database));
        output.Line($"  {Invocation} visible --db {db} --user {someone?.Email ?? "<email>"}");
        output.Line($"  {Invocation} explain --db {db} --user {someone?.Email ?? "<email>"} --ticket {someTask}");
        output.Line($"  {Invocation} export --db {db}");
        return ExitCodes.Success;
    }

    private static string QuoteIfNeeded(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;

    private static IEnumerable<IReadOnlyList<string>> OrganizationRows(WorkspaceData data)
    {
        var memberships = data.WorkspaceMemberships;
        yield return ["users", N(data.Users.Count), string.Create(C,
            $"{memberships.Count(m => m.IsAdmin)} admins, {memberships.Count(m => m.IsGuest)} guests, {memberships.Count(m => !m.IsActive)} deactivated")];
        yield return ["teams", N(data.Teams.Count), string.Create(C, $"{data.TeamMemberships.Count:N0} memberships ({data.TeamMemberships.Count(t => t.IsGuest)} guests)")];
        yield return ["projects", N(data.Projects.Count), string.Join(", ",
            new[] { PrivacySettings.PublicToWorkspace, PrivacySettings.PrivateToTeam, PrivacySettings.Private }
                .Select(p => string.Create(C, $"{data.Projects.Count(x => x.PrivacySetting == p)} {p}")))
            + string.Create(C, $", {data.Projects.Count(p => p.Archived)} archived, {data.Projects.Count(p => p.TeamGid is null)} teamless")];
        yield return ["sections", N(data.Sections.Count), ""];
        var top = data.Tasks.Where(t => t.ParentGid is null).ToList();
        yield return ["tasks", N(top.Count), string.Create(C,
            $"{top.Count(t => t.Memberships.Select(m => m.ProjectGid).Distinct(StringComparer.Ordinal).Count() > 1):N0} multi-homed, {top.Count(t => t.Memberships.Count == 0):N0} project-less")];
        var byGid = data.Tasks.ToDictionary(t => t.Gid, StringComparer.Ordinal);
        var subtasks = data.Tasks.Where(t => t.ParentGid is not null).ToList();
        var depth = subtasks.Count == 0 ? 0 : subtasks.Max(t => Depth(t, byGid));
        yield return ["subtasks", N(subtasks.Count), string.Create(C, $"nested up to {depth} levels")];
    }

    private static int Depth(TaskRecord task, Dictionary<string, TaskRecord> byGid)
    {
        var depth = 0;
        for (var parent = task.ParentGid; parent is not null && depth < 100 && byGid.TryGetValue(parent, out var p); parent = p.ParentGid)
        {
            depth++;
        }

        return depth;
    }

    private static IEnumerable<IReadOnlyList<string>> CallRows(SyncResult result, long simulatorCount)
    {
        foreach (var (kind, count) in result.Calls.ByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value))
        {
            yield return [kind, N(count)];
        }

        yield return ["total (client side)", N(result.Calls.Total)];
        yield return ["total (seen by the simulator)", simulatorCount.ToString("N0", C)];
        if (result.Floor is { } floor)
        {
            yield return ["lower bound for this data", N(floor.WithContractTerms)];
        }
    }

    private static string N(int value) => value.ToString("N0", C);

    /// <summary>
    /// Compares the store's answers with the simulator's naive oracle; returns 1 when they differ. With workspace search
    /// every task is discoverable and nothing is left out; without it, the documented blind spot is.
    /// </summary>
    private static async Task<int> VerifyAsync(CliContext context, SyncRunner runner, SimulatedOrganization organization, bool searchAvailable, string title, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var truth = organization.ToWorkspaceData();
        var undiscoverable = searchAvailable ? [] : GroundTruth.Undiscoverable(truth);
        var expected = organization.ExpectedVisibility();
        var oracleTime = watch.Elapsed;
        var actual = await runner.Reader.ListAccessibleForAllUsersAsync(organization.WorkspaceGid, cancellationToken);
        var comparison = GroundTruth.Compare(expected, actual, undiscoverable);
        var output = context.Out;
        output.Heading(title);
        output.Line(string.Create(C,
            $"{expected.Count:N0} users x {truth.Tasks.Count:N0} tasks and subtasks; {comparison.VisiblePairs:N0} visible pairs expected: {comparison.OverGrants.Count} over-grants, {comparison.UnderGrants.Count} under-grants"));
        output.Line(string.Create(C, $"  (oracle {oracleTime.TotalSeconds:0.0} s, store queries and comparison {(watch.Elapsed - oracleTime).TotalSeconds:0.0} s)"));
        if (searchAvailable)
        {
            output.Line("  (every task is compared: workspace task search, a premium feature, finds project-less tasks that are only followed or assigned to a deactivated user)");
        }
        else if (undiscoverable.Count > 0)
        {
            output.Line(string.Create(C,
                $"  ({undiscoverable.Count} task(s) are project-less with no active assignee, or below such a task: without premium search Asana's API offers no listing of them, so the sync cannot find them unless another path leads there, and the comparison leaves them out; a task that is not found is denied to everyone, never over-granted)"));
        }

        foreach (var pair in comparison.OverGrants.Take(5))
        {
            output.Line("  over-grant: " + pair);
        }

        foreach (var pair in comparison.UnderGrants.Take(5))
        {
            output.Line("  under-grant: " + pair);
        }

        return comparison.OverGrants.Count + comparison.UnderGrants.Count == 0 ? 0 : 1;
    }

    private static async Task<int> SearchAsync(CliContext context, SyncRunner runner, WorkspaceData data, WorkspacePermissions permissions, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var memberships = data.WorkspaceMemberships.ToDictionary(m => m.UserGid, StringComparer.Ordinal);
        // The most common word of task names makes the difference between users visible.
        var word = data.Tasks.SelectMany(t => t.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim(',', '.', ':', '(', ')', '"')).Where(w => w.Length >= 5 && w.All(char.IsLetter))
            .GroupBy(w => w, StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? "task";
        var users = new[]
        {
            data.Users.FirstOrDefault(u => memberships.TryGetValue(u.Gid, out var m) && m.IsActive && !m.IsGuest && !m.IsAdmin),
            data.Users.FirstOrDefault(u => memberships.TryGetValue(u.Gid, out var m) && m.IsActive && m.IsGuest),
            data.Users.FirstOrDefault(u => memberships.TryGetValue(u.Gid, out var m) && !m.IsActive),
        };
        var matching = data.Tasks.Count(t => t.Name.Contains(word, StringComparison.OrdinalIgnoreCase) || (t.Notes?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false));
        output.Line(string.Create(C, $"query \"{word}\": about {matching:N0} tasks mention it in all (name or notes)"));
        var rows = new List<IReadOnlyList<string>>();
        var refused = 0;
        foreach (var user in users.OfType<UserRecord>())
        {
            var hits = await runner.Reader.SearchAsync(data.Workspace.Gid, user.Gid, word, 10_000, cancellationToken);
            var bad = hits.Count(h => !permissions.CanView(user.Gid, h.TicketGid));
            refused += bad;
            var m = memberships[user.Gid];
            var role = !m.IsActive ? "deactivated" : m.IsGuest ? "guest" : "member";
            var visible = permissions.ListAccessible(user.Gid).Count;
            rows.Add([$"{user.Name} ({role})", hits.Count.ToString("N0", C), visible.ToString("N0", C), bad == 0 ? "yes" : $"NO: {bad} not visible"]);
        }

        output.Table(["user", "hits", "tasks visible", "every hit visible"], rows);
        return refused == 0 ? 0 : 1;
    }
}
