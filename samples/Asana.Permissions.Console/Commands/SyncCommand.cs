using System.Net;
using Asana.Permissions.Console.Cli;
using Asana.Sync;
using Asana.Sync.Storage;

namespace Asana.Permissions.Console.Commands;

/// <summary><c>sync --workspace GID [--base-url URL] [--token T] [--db PATH] [--full]</c>.</summary>
internal static class SyncCommand
{
    public static async Task<int> RunAsync(CommandLineArguments args, CliContext context, CancellationToken cancellationToken)
    {
        args.AllowOnly("workspace", "base-url", "token", "db", "full", "verbose", "requests-per-minute");
        args.NoPositional();
        var workspaceGid = args.RequireGid("workspace");

        var baseUrl = args.Get("base-url") ?? UsageText.DefaultBaseUrl;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseAddress) || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new UsageException($"--base-url must be an absolute http(s) URL, e.g. {UsageText.DefaultBaseUrl}");
        }

        if (!baseAddress.AbsolutePath.TrimEnd('/').EndsWith("/api/1.0", StringComparison.Ordinal))
        {
            // Every request is relative to the API root: without it each one would miss, and read as "no such workspace".
            throw new UsageException($"--base-url must be Asana's API root, ending in /api/1.0, e.g. {UsageText.DefaultBaseUrl}");
        }

        var rate = 1500;
        if (args.Get("requests-per-minute") is { } rateText
            && (!int.TryParse(rateText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out rate) || rate < 1 || rate > 1_000_000))
        {
            throw new UsageException("--requests-per-minute must be a whole number from 1 to 1000000 (Asana: 1500 on paid plans, 150 on the free plan)");
        }

        var token = args.Get("token") ?? context.Environment(UsageText.TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new UsageException($"sync needs an access token: pass --token or set {UsageText.TokenVariable}");
        }

        context.Scrubber.Add(token);
        var databasePath = StoreSession.DatabasePath(args);
        var existed = File.Exists(databasePath);

        // Prove the database is usable before talking to Asana.
        using (await StoreSession.OpenAsync(databasePath, cancellationToken))
        {
        }

        var succeeded = false;
        var storeInUse = false;
        try
        {
            await using var runner = SyncRunner.Create(context, baseAddress, token, databasePath, args.Has("verbose"), options => options.RequestsPerMinute = rate);
            SyncResult result;
            try
            {
                result = await runner.SyncAsync(context, workspaceGid, args.Has("full") ? SyncMode.Full : SyncMode.Auto, args.Has("verbose"), cancellationToken);
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
            context.Err.Line($"synced workspace {workspaceGid}");
            context.Err.Table(["", ""], SyncRunner.Summary(result, databasePath));
            SyncRunner.PrintWarnings(context, result);

            return ExitCodes.Success;
        }
        finally
        {
            if (!succeeded && !existed && !storeInUse)
            {
                // The failed first sync created an empty store; leave no file behind.
                DeleteDatabaseFiles(databasePath);
            }
        }
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
