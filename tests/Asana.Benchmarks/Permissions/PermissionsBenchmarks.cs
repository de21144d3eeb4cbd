using System.Globalization;
using Asana.Permissions;
using Asana.Permissions.Sources;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Asana.Benchmarks.Permissions;

/// <summary>
/// Building the permission model of a 1,000,000-task organization, and materializing every permission object.
/// Targets: ≤ 3 s and ≤ 600 allocated bytes per task (see the B/task column).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerTaskConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PermissionsBuildBenchmarks
{
    private WorkspaceData _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = LargeOrganization.Generate().Data;
        Console.WriteLine($"// {_data.Tasks.Count:N0} tasks, {_data.Projects.Count:N0} projects, {_data.Users.Count:N0} users, {_data.Teams.Count:N0} teams");
    }

    /// <summary>The model alone.</summary>
    [Benchmark]
    public WorkspacePermissions Build() => WorkspacePermissions.Build(_data);

    /// <summary>The model, then every ticket and collection with its permission objects.</summary>
    [Benchmark(Baseline = true)]
    public int BuildAndMaterialize()
    {
        var model = WorkspacePermissions.Build(_data).ToMergeModel();
        var permissions = 0;
        foreach (var ticket in model.Tickets)
        {
            permissions += ticket.Permissions.Count;
        }

        foreach (var collection in model.Collections)
        {
            permissions += collection.Permissions.Count;
        }

        return permissions;
    }
}

/// <summary>
/// Queries on the built model of the same organization. Targets: CanView median &lt; 1 µs (measured per call over a
/// batch of pre-picked random pairs), ListAccessible &lt; 30 ms for a user who sees about 100,000 tasks.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class PermissionsQueryBenchmarks
{
    private const int Pairs = 4096;

    private WorkspacePermissions _engine = null!;
    private string[] _users = null!;
    private string[] _tasks = null!;
    private string _teamGuest = null!;
    private string _member = null!;

    [GlobalSetup]
    public void Setup()
    {
        var org = LargeOrganization.Generate();
        _engine = WorkspacePermissions.Build(org.Data);
        var random = new Random(7);
        _users = new string[Pairs];
        _tasks = new string[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            _users[i] = org.UserGids[random.Next(org.UserGids.Length)];
            _tasks[i] = org.TaskGids[random.Next(org.TaskGids.Length)];
        }

        _teamGuest = org.TeamGuestGid;
        _member = org.UserGids[1];
        var allowed = 0;
        for (var i = 0; i < Pairs; i++)
        {
            allowed += _engine.CanView(_users[i], _tasks[i]) ? 1 : 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// team guest {_teamGuest} sees {_engine.ListAccessible(_teamGuest).Count:N0} tasks; CanView batch: {allowed} of {Pairs} pairs allowed"));
    }

    /// <summary>Per-call time of CanView on random (user, task) pairs.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public int CanView()
    {
        var allowed = 0;
        for (var i = 0; i < Pairs; i++)
        {
            if (_engine.CanView(_users[i], _tasks[i]))
            {
                allowed++;
            }
        }

        return allowed;
    }

    /// <summary>Every task the ~100,000-task guest can see.</summary>
    [Benchmark]
    public int ListAccessible_TeamGuest() => _engine.ListAccessible(_teamGuest).Count;

    /// <summary>Principal tokens of random tasks (what a search index stores per document).</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public int GetTicketPrincipalTokens()
    {
        var total = 0;
        for (var i = 0; i < Pairs; i++)
        {
            total += _engine.GetTicketPrincipalTokens(_tasks[i]).Count;
        }

        return total;
    }

    /// <summary>Principal tokens of a user (what a search query filters with).</summary>
    [Benchmark]
    public int GetUserPrincipalTokens_Member() => _engine.GetUserPrincipalTokens(_member).Count;
}

/// <summary>Adds a column with allocated bytes per task of the 1,000,000-task organization.</summary>
internal sealed class PerTaskConfig : ManualConfig
{
    public PerTaskConfig() => AddColumn(new BytesPerTaskColumn());

    private sealed class BytesPerTaskColumn : IColumn
    {
        public string Id => nameof(BytesPerTaskColumn);

        public string ColumnName => "B/task";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Metric;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Allocated bytes per task (1,000,000 tasks)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            var bytes = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is null ? "-" : (bytes.Value / (double)LargeOrganization.TaskCount).ToString("F0", CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
