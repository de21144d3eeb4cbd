using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using Asana.Permissions.Console.Cli;
using Asana.Sync;
using Asana.Sync.Storage;

namespace Asana.Permissions.Console.Commands;

/// <summary><c>sync --workspace GID [--base-url URL] [--token T] [--db PATH|URI] [--full]</c>.</summary>
internal sealed class SyncCommand : Command
{
    private readonly Option<string> _workspace = CliOptions.Workspace("The workspace to sync.", required: true);
    private readonly Option<Uri> _baseUrl = new("--base-url")
    {
        Description = "Asana's API root.",
        HelpName = "URL",
        DefaultValueFactory = _ => new Uri(Defaults.BaseUrl),
        CustomParser = ParseBaseUrl,
    };

    private readonly Option<string> _token = new("--token")
    {
        Description = $"The access token (default: the {Defaults.TokenVariable} environment variable). Never printed.",
        HelpName = "TOKEN",
    };

    private readonly Option<string> _database = CliOptions.Database();
    private readonly Option<bool> _full = new("--full") { Description = "Read everything again instead of only what changed since the last sync." };
    private readonly Option<int> _requestsPerMinute = CliOptions.WholeNumber(
        "--requests-per-minute",
        "The plan's request quota, paced client-side (1500 on paid plans, 150 on the free plan).",
        1500,
        1,
        1_000_000,
        "--requests-per-minute must be a whole number from 1 to 1000000 (Asana: 1500 on paid plans, 150 on the free plan)");

    private readonly Option<bool> _verbose = CliOptions.Verbose();
    private readonly CliContext _context;

    public SyncCommand(CliContext context)
        : base("sync", "Sync one workspace into the store. The second and later runs are incremental unless --full. Summary on stderr.")
    {
        _context = context;
        Add(_workspace);
        Add(_baseUrl);
        Add(_token);
        Add(_database);
        Add(_full);
        Add(_requestsPerMinute);
        Add(_verbose);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var workspaceGid = parseResult.GetRequiredValue(_workspace);
        var baseAddress = parseResult.GetRequiredValue(_baseUrl);
        var baseUrl = baseAddress.OriginalString;
        var rate = parseResult.GetValue(_requestsPerMinute);
        var verbose = parseResult.GetValue(_verbose);
        var token = parseResult.GetValue(_token) ?? _context.Environment(Defaults.TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new UsageException($"sync needs an access token: pass --token or set {Defaults.TokenVariable}");
        }

        _context.Scrubber.Add(token);
        var location = StoreLocation.Parse(parseResult.GetRequiredValue(_database));
        // Only a SQLite file this command created is removed again after a failed first sync.
        var existed = location.Path is not { } path || File.Exists(path);

        // Prove the database is usable before talking to Asana.
        await using (await StoreSession.OpenAsync(location, cancellationToken))
        {
        }

        var succeeded = false;
        var storeInUse = false;
        try
        {
            await using var runner = SyncRunner.Create(_context, baseAddress, token, location, verbose, options => options.RequestsPerMinute = rate);
            SyncResult result;
            try
            {
                result = await runner.SyncAsync(_context, workspaceGid, parseResult.GetValue(_full) ? SyncMode.Full : SyncMode.Auto, verbose, cancellationToken);
            }
            catch (AsanaSyncException ex) when (ex.InnerException is PermissionStoreException { Error: PermissionStoreError.LeaseHeld })
            {
                // Another sync is writing this file, perhaps its very first sync: it is not ours to delete.
                storeInUse = true;
                throw;
            }
            catch (AsanaSyncException ex) when (ex.StatusCode is HttpStatusCode.NotFound)
            {
                throw new CliException($"unknown workspace {workspaceGid}: Asana answered 404 (no such workspace, or the token cannot see it); nothing was changed in the store");
            }
            catch (HttpRequestException ex)
            {
                throw new CliException($"cannot reach Asana at {baseUrl}: {ex.Message}");
            }
            catch (AsanaSyncException ex) when (ex.StatusCode is HttpStatusCode.Forbidden)
            {
                throw new CliException($"Asana refused access to workspace {workspaceGid} (403); nothing was changed in the store");
            }

            succeeded = true;
            _context.Err.Line($"synced workspace {workspaceGid}");
            _context.Err.Table(["", ""], SyncRunner.Summary(result, location));
            SyncRunner.PrintWarnings(_context, result);

            return ExitCodes.Success;
        }
        finally
        {
            if (!succeeded && !existed && !storeInUse)
            {
                // The failed first sync created an empty store; leave no file behind.
                DeleteDatabaseFiles(location.Path!);
            }
        }
    }

    /// <summary>An absolute http(s) URL ending in Asana's API root.</summary>
    private static Uri? ParseBaseUrl(ArgumentResult result)
    {
        if (!Uri.TryCreate(CliOptions.Value(result), UriKind.Absolute, out var baseAddress) || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            result.AddError($"--base-url must be an absolute http(s) URL, e.g. {Defaults.BaseUrl}");
            return null;
        }

        if (!baseAddress.AbsolutePath.TrimEnd('/').EndsWith("/api/1.0", StringComparison.Ordinal))
        {
            // Every request is relative to the API root: without it each one would miss, and read as "no such workspace".
            result.AddError($"--base-url must be Asana's API root, ending in /api/1.0, e.g. {Defaults.BaseUrl}");
            return null;
        }

        return baseAddress;
    }

    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
