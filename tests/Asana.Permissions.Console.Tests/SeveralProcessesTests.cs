using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Asana.Simulator;
using Asana.Sync.PostgreSql;
using Asana.Sync.PostgreSql.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Asana.Permissions.Console.Tests;

/// <summary>
/// Several processes on one PostgreSQL database: two console processes sync two workspaces at once while a third
/// process and the test read. Overlap is made certain, not hoped for: workspace A's Asana holds its answers at a gate
/// mid-sync, and workspace B's sync must commit while A's is still running (per-workspace locking, no global one).
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SeveralProcessesTests(PostgreSqlServer server) : IAsyncLifetime
{
    private string? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await server.DropDatabaseAsync(_database);
        }
    }

    [Fact]
    public async Task TwoSyncProcesses_IntoOneDatabase_NeitherWaitsForTheOther_AndEveryAnswerIsExact()
    {
        _database = await server.CreateDatabaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(_database);
        var password = string.IsNullOrEmpty(builder.Password) ? string.Empty : ":" + Uri.EscapeDataString(builder.Password);
        var uri = $"postgresql://{Uri.EscapeDataString(builder.Username!)}{password}@{builder.Host}:{builder.Port}/{builder.Database}";
        var options = new SimulatorOptions { PremiumSearch = true };
        await using var simA = await SimulatedAsana.StartAsync(SimulatedOrganization.Generate(7, OrganizationShape.Small), options);
        await using var simB = await SimulatedAsana.StartAsync(SimulatedOrganization.Generate(8, OrganizationShape.Small with { IsOrganization = false }), options);
        await using var gate = await GateProxy.StartAsync(simA.BaseAddress, passBeforeHolding: 5);
        await using var store = new PostgreSqlPermissionStore(_database);

        using var syncA = Start(SyncArgs(simA, gate.BaseAddress, uri));
        await gate.Holding.WaitAsync(TimeSpan.FromSeconds(60));

        // A is mid-sync and cannot go on; B's sync runs start to end meanwhile, in another process.
        using (var syncB = Start(SyncArgs(simB, simB.BaseAddress, uri)))
        {
            var b = await FinishAsync(syncB);
            b.ExitCode.Should().Be(0, b.Output);
        }

        syncA.HasExited.Should().BeFalse("A is still held at its gate: B did not wait for it");
        (await store.ListWorkspacesAsync()).Select(w => w.Gid).Should().Equal(simB.Organization.WorkspaceGid);
        await ShouldBeExactAsync(store, simB.Organization);

        // A third process reads while A's sync is still running.
        using (var reader = Start(["visible", "--all-users", "--workspace", simB.Organization.WorkspaceGid, "--db", uri]))
        {
            var read = await FinishAsync(reader);
            read.ExitCode.Should().Be(0, read.Output);
            var visible = JsonNode.Parse(read.Stdout)!.AsObject();
            foreach (var (user, expected) in simB.Organization.ExpectedVisibility())
            {
                visible[user]!.AsArray().Select(t => (string)t!).Should().BeEquivalentTo(expected, $"user {user}");
            }
        }

        gate.Open();
        var a = await FinishAsync(syncA);
        a.ExitCode.Should().Be(0, a.Output);
        (await store.ListWorkspacesAsync()).Should().HaveCount(2);
        await ShouldBeExactAsync(store, simA.Organization);
        await ShouldBeExactAsync(store, simB.Organization);
    }

    private static async Task ShouldBeExactAsync(PostgreSqlPermissionStore store, SimulatedOrganization org)
    {
        var actual = await store.ListAccessibleForAllUsersAsync(org.WorkspaceGid);
        var expected = org.ExpectedVisibility();
        actual.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (user, visible) in expected)
        {
            actual[user].Should().BeEquivalentTo(visible, $"workspace {org.WorkspaceGid}, user {user}");
        }
    }

    private static string[] SyncArgs(SimulatedAsana sim, Uri baseAddress, string uri) =>
        ["sync", "--workspace", sim.Organization.WorkspaceGid, "--base-url", baseAddress.ToString(), "--token", sim.AccessToken, "--db", uri, "--requests-per-minute", "1000000"];

    private static Process Start(string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "asana-permissions.exe" : "asana-permissions"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("ASANA_TOKEN");
        return Process.Start(info) ?? throw new InvalidOperationException("the console did not start");
    }

    private static async Task<(int ExitCode, string Stdout, string Output)> FinishAsync(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, $"exit {process.ExitCode}; stdout: {await stdout}; stderr: {await stderr}");
    }

    /// <summary>A loopback proxy in front of a simulator that passes the first requests, then holds the rest until opened.</summary>
    private sealed class GateProxy : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _client = new();
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Uri _target;
        private readonly int _passBeforeHolding;
        private int _requests;

        private GateProxy(WebApplication app, Uri target, int passBeforeHolding)
        {
            _app = app;
            _target = target;
            _passBeforeHolding = passBeforeHolding;
        }

        public Uri BaseAddress { get; private set; } = null!;

        /// <summary>Completes when a request is being held.</summary>
        public Task Holding => _holding.Task;

        public static async Task<GateProxy> StartAsync(Uri target, int passBeforeHolding)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var proxy = new GateProxy(app, target, passBeforeHolding);
            app.Run(proxy.ForwardAsync);
            await app.StartAsync();
            var address = app.Urls.First();
            proxy.BaseAddress = new Uri(address.TrimEnd('/') + target.AbsolutePath);
            return proxy;
        }

        public void Open() => _open.TrySetResult();

        public async ValueTask DisposeAsync()
        {
            Open();
            await _app.DisposeAsync();
            _client.Dispose();
        }

        private async Task ForwardAsync(HttpContext context)
        {
            if (Interlocked.Increment(ref _requests) > _passBeforeHolding)
            {
                _holding.TrySetResult();
                await _open.Task;
            }

            var target = new Uri(_target, context.Request.Path.Value + context.Request.QueryString.Value);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
            if (context.Request.Headers.Authorization.Count > 0)
            {
                request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
            }

            using var response = await _client.SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } contentType)
            {
                context.Response.ContentType = contentType.ToString();
            }

            foreach (var header in response.Headers.Where(h => h.Key is "Retry-After"))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
