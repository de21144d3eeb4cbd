using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Asana.Client;
using Asana.Permissions.Console.Cli;
using Asana.Sync;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Asana.Permissions.Console;

/// <summary>The entry point: parses the command line (System.CommandLine), runs one command, turns every failure into one line and an exit code.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var stdout = new StreamWriter(System.Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };
        var stderr = new StreamWriter(System.Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
        using var cancellation = new CancellationTokenSource();
        System.Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        var context = new CliContext(stdout, stderr, !System.Console.IsOutputRedirected, !System.Console.IsErrorRedirected, System.Environment.GetEnvironmentVariable);
        try
        {
            return await RunAsync(args, context, cancellation.Token);
        }
        finally
        {
            await stdout.FlushAsync(CancellationToken.None);
            await stdout.DisposeAsync();
            await stderr.DisposeAsync();
        }
    }

    /// <summary>Runs one command in-process (plain output, environment from the process).</summary>
    internal static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, System.Environment.GetEnvironmentVariable, cancellationToken);

    /// <summary>Runs one command in-process with a given environment (e.g. no ASANA_TOKEN).</summary>
    internal static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext(stdout, stderr, stdoutIsTerminal: false, stderrIsTerminal: false, environment), cancellationToken);

    internal static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        args = Serve.ServeEnvironment.Complete(args, context.Environment);
        // Register secrets before anything can fail, so even a parse error cannot echo them.
        RegisterSecrets(args, context);
        try
        {
            var root = CommandTree.Create(context);
            var parseResult = CommandTree.Parse(root, args);
            if (UsageErrors.Find(parseResult, args) is { } error)
            {
                return Fail(context, error, ExitCodes.Usage);
            }

            return await parseResult.InvokeAsync(
                new InvocationConfiguration
                {
                    // Help and completions go to stdout; a command's own failures reach the catch blocks below.
                    Output = context.Stdout,
                    Error = context.Stderr,
                    EnableDefaultExceptionHandler = false,
                    // Main handles Ctrl+C itself (exit code 130, one line).
                    ProcessTerminationTimeout = null,
                },
                cancellationToken);
        }
        catch (UsageException ex)
        {
            return Fail(context, ex.Message, ExitCodes.Usage);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(context, "cancelled; the store was left as it was before this command", ExitCodes.Cancelled);
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            return Fail(context, message, ExitCodes.Failure);
        }
    }

    /// <summary>
    /// The token given on the command line or in the environment is masked in every line printed. Mistyped forms count
    /// too: <c>--token= T</c> (the token becomes the next word), <c>--token:T</c>, <c>-token=T</c>, <c>--Token T</c>.
    /// </summary>
    private static void RegisterSecrets(string[] args, CliContext context)
    {
        context.Scrubber.Add(context.Environment(Defaults.TokenVariable));
        // The password of a postgresql:// --db, in any form the argument takes (--db URI, --db=URI).
        foreach (var arg in args)
        {
            var uri = arg.IndexOf("postgres", StringComparison.OrdinalIgnoreCase) is var at and >= 0 ? arg[at..] : arg;
            foreach (var secret in StoreLocation.Secrets(uri))
            {
                context.Scrubber.Add(secret);
            }
        }

        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-');
            if (name.Length == args[i].Length || !name.StartsWith("token", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var attached = name["token".Length..].TrimStart('=', ':');
            if (attached.Length > 0)
            {
                context.Scrubber.Add(attached);
            }
            else if (i + 1 < args.Length)
            {
                context.Scrubber.Add(args[i + 1]);
            }
        }
    }

    private static int Fail(CliContext context, string message, int exitCode)
    {
        // One line, no stack trace, never the token.
        var line = context.Scrubber.Scrub("error: " + OneLine(message));
        context.Stderr.WriteLine(line);
        context.Stderr.Flush();
        return exitCode;
    }

    /// <summary>Turns any failure into one sentence naming its cause.</summary>
    internal static string Describe(Exception ex) => ex switch
    {
        CliException cli => cli.Message,
        AmbiguousUserException ambiguous =>
            $"the email address {ambiguous.Email} belongs to {ambiguous.CandidateGids.Count} users ({string.Join(", ", ambiguous.CandidateGids)}): pass --user one of these gids",
        AsanaSyncException { StatusCode: HttpStatusCode.Unauthorized } => "the access token was rejected by Asana (401)",
        AsanaSyncException { StatusCode: HttpStatusCode.PaymentRequired } sync => $"Asana refused the request (402, a premium feature): {sync.Message}",
        AsanaSyncException sync => "sync failed: " + sync.Message,
        AsanaApiException { StatusCode: HttpStatusCode.Unauthorized } => "the access token was rejected by Asana (401)",
        AsanaApiException api => "Asana answered an error: " + api.Message,
        HttpRequestException { InnerException: SocketException socket } http => $"cannot reach Asana: {socket.Message} ({http.Message})",
        HttpRequestException http => "cannot reach Asana: " + http.Message,
        OptionsValidationException options => "invalid client settings: " + string.Join(" ", options.Failures),
        SqliteException sqlite => $"database error: {sqlite.Message}",
        Npgsql.NpgsqlException npgsql => $"database error: {npgsql.Message}",
        TimeoutException or TaskCanceledException => "Asana did not answer in time: " + ex.Message,
        _ when ex.GetType().Name == "TimeoutRejectedException" => "Asana did not answer in time: " + ex.Message,
        IOException or UnauthorizedAccessException => ex.Message,
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
