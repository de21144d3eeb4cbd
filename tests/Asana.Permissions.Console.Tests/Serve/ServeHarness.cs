using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Asana.Simulator;

namespace Asana.Permissions.Console.Tests;

/// <summary>
/// The console's <c>serve</c> running in-process against a loopback simulator that delivers webhooks to it, on a real
/// Kestrel port. Disposing stops the host (as Ctrl+C would) and then the simulator.
/// </summary>
internal sealed class ServeHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private Task<int> _run = null!;

    private ServeHarness(SimulatedAsana sim, TempFolder folder, Uri listen)
    {
        Sim = sim;
        Folder = folder;
        Listen = listen;
        Http = new HttpClient { BaseAddress = listen, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SimulatedAsana Sim { get; }

    public SimulatedOrganization Org => Sim.Organization;

    public TempFolder Folder { get; }

    public Uri Listen { get; }

    public HttpClient Http { get; }

    public string Stderr => _stderr.ToString();

    public static async Task<ServeHarness> StartAsync(SimulatedOrganization org, WebhookDeliveryOptions webhooks, params string[] extra)
    {
        var sim = await SimulatedAsana.StartAsync(org, new SimulatorOptions { Webhooks = webhooks });
        var listen = new Uri($"http://127.0.0.1:{FreePort()}/");
        var harness = new ServeHarness(sim, new TempFolder(), listen);
        string[] args =
        [
            "serve", "--workspace", org.WorkspaceGid, "--base-url", sim.BaseAddress.ToString(), "--token", sim.AccessToken,
            "--db", harness.Folder.Database, "--listen", listen.ToString(), "--public-url", listen.ToString(),
            "--requests-per-minute", "1000000", .. extra,
        ];
        harness._run = Task.Run(() => Program.RunAsync(args, harness._stdout, harness._stderr, _ => null, harness._stop.Token));
        return harness;
    }

    /// <summary>Waits until the first sync committed and the webhooks are registered.</summary>
    public async Task WhenReadyAsync(int minimumWebhooks, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_run.IsCompleted)
            {
                throw new InvalidOperationException($"serve stopped with exit code {await _run}: {Stderr}");
            }

            try
            {
                using var health = JsonDocument.Parse(await Http.GetStringAsync("healthz"));
                if (health.RootElement.GetProperty("status").GetString() == "ok"
                    && health.RootElement.TryGetProperty("webhooks", out var hooks)
                    && hooks.GetProperty("kept").GetInt32() + hooks.GetProperty("created").GetInt32() >= minimumWebhooks)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"serve not ready after {timeout}: {Stderr}");
            }

            await Task.Delay(50);
        }
    }

    public async Task<bool> AllowedAsync(string user, string ticket)
    {
        using var check = JsonDocument.Parse(await Http.GetStringAsync($"v1/check?user={Uri.EscapeDataString(user)}&ticket={Uri.EscapeDataString(ticket)}"));
        return check.RootElement.GetProperty("allowed").GetBoolean();
    }

    /// <summary>Stops serve as Ctrl+C would and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            await StopAsync();
        }

        Http.Dispose();
        await Sim.DisposeAsync();
        Folder.Dispose();
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
