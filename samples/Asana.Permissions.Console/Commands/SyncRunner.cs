using System.Globalization;
using Asana.Client;
using Asana.Permissions.Console.Cli;
using Asana.Permissions.Console.Output;
using Asana.Sync;
using Asana.Sync.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Asana.Permissions.Console.Commands;

/// <summary>
/// Wires the real client and sync engine the way a host would: <c>AddAsanaClient</c> + <c>AddAsanaSync</c> in a
/// service collection, library logs to stderr. Used by <c>sync</c> and <c>demo</c>.
/// </summary>
internal sealed class SyncRunner : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SyncRunner(ServiceProvider services, StoreLocation location)
    {
        _services = services;
        Location = location;
        Engine = services.GetRequiredService<AsanaSyncEngine>();
        Store = services.GetRequiredService<IPermissionStore>();
        Reader = (IPermissionReader)Store;
    }

    public AsanaSyncEngine Engine { get; }

    /// <summary>The store the engine writes.</summary>
    public IPermissionStore Store { get; }

    /// <summary>The same store, for questions.</summary>
    public IPermissionReader Reader { get; }

    public StoreLocation Location { get; }

    public static SyncRunner Create(CliContext context, Uri baseAddress, string token, StoreLocation location, bool verbose, Action<AsanaClientOptions>? configureClient = null)
    {
        context.Scrubber.Add(token);
        var services = new ServiceCollection();
        // Library logs only with --verbose: by default stderr carries the status line (on a terminal), the summary, or
        // one error line. The client logs its own retries and throttling; Polly's and IHttpClientFactory's per-attempt
        // lines repeat them.
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            if (verbose)
            {
                logging.AddProvider(new HumanWriterLoggerProvider(context.Err))
                    .SetMinimumLevel(LogLevel.Information)
                    .AddFilter("Polly", LogLevel.None)
                    .AddFilter("System.Net.Http", LogLevel.Warning)
                    .AddFilter("Microsoft", LogLevel.Warning);
            }
        });
        services.AddAsanaClient(options =>
        {
            options.BaseAddress = baseAddress;
            options.AccessToken = token;
            configureClient?.Invoke(options);
        });
        if (location.ConnectionString is { } connectionString)
        {
            services.AddAsanaSyncPostgreSql(connectionString);
        }
        else
        {
            services.AddAsanaSync(location.Path!);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        return new SyncRunner(provider, location);
    }

    /// <summary>Runs one sync with a live status line on stderr.</summary>
    public Task<SyncResult> SyncAsync(CliContext context, string workspaceGid, SyncMode mode, bool verbose, CancellationToken cancellationToken) =>
        (context.Err.IsLive || verbose ? context.Err : HumanWriter.Silent).WithStatusAsync($"Syncing workspace {workspaceGid}...", async status =>
        {
            var phase = string.Empty;
            var progress = new InlineProgress<SyncProgress>(p =>
            {
                if (p.Phase != "requests")
                {
                    phase = p.Message;
                    status(p.Message);
                }
                else if (context.Err.IsLive)
                {
                    // Request ticks only on a terminal, where they replace each other in place.
                    status(string.Create(CultureInfo.InvariantCulture, $"{phase}: {p.Requests:N0} requests, {p.TasksSeen:N0} tasks read"));
                }
            });
            return await Engine.SyncAsync(workspaceGid, mode, progress, cancellationToken);
        });

    /// <summary>Summary lines of a committed sync.</summary>
    public static IEnumerable<IReadOnlyList<string>> Summary(SyncResult result, StoreLocation location)
    {
        var c = CultureInfo.InvariantCulture;
        yield return ["mode", result.Mode == SyncMode.Full ? "full" : "incremental"];
        yield return ["tickets in store", result.Tickets.ToString("N0", c)];
        yield return ["written / deleted", string.Create(c, $"{result.TicketsWritten:N0} / {result.TicketsDeleted:N0}")];
        if (result.Mode == SyncMode.Incremental)
        {
            yield return ["projects recrawled", result.ProjectsRecrawled.ToString("N0", c)];
        }

        yield return ["requests", string.Create(c, $"{result.Calls.Total:N0} ({result.Calls.Pages:N0} pages, {result.Calls.Retries:N0} retries, {result.Calls.Failed:N0} failed)")];
        if (result.Floor is { } floor)
        {
            yield return ["lower bound", string.Create(c, $"{floor.WithContractTerms:N0} requests for this data")];
        }

        yield return ["by kind", string.Join(", ", result.Calls.ByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value).Select(k => string.Create(c, $"{k.Key} {k.Value:N0}")))];
        yield return ["time", string.Create(c, $"{result.Duration.TotalSeconds:0.0} s")];
        yield return ["warnings", result.Warnings.Count == 0 ? "none" : result.Warnings.Count.ToString(c)];
        yield return ["database", location.Description];
    }

    /// <summary>One stderr line per warning of a committed sync: what it could not read or may have missed.</summary>
    public static void PrintWarnings(CliContext context, SyncResult result)
    {
        foreach (var warning in result.Warnings)
        {
            context.Err.Line($"warning: {warning.Code}{(warning.ResourceGid is null ? string.Empty : " " + warning.ResourceGid)}: {warning.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        // Let go of the file handles (pooled connections) so the file can be moved or deleted right away.
        SqliteConnection.ClearAllPools();
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (no SynchronizationContext hop).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
