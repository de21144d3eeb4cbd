using System.Globalization;
using System.Text.Json;
using Asana.Permissions.Console.Cli;

namespace Asana.Permissions.Console.Commands;

/// <summary>The commands that answer from the store (visible, check, explain, search, export: read-only opens), and purge.</summary>
internal static class ReadCommands
{
    /// <summary><c>visible --user U | --all-users</c>: a JSON array of task gids, or an object user gid → array.</summary>
    public static async Task<int> VisibleAsync(CommandLineArguments args, CliContext context, CancellationToken cancellationToken)
    {
        args.AllowOnly("user", "all-users", "db", "workspace");
        args.NoPositional();
        var user = args.Get("user");
        var allUsers = args.Has("all-users");
        if (user is null == !allUsers)
        {
            throw new UsageException(allUsers ? "visible takes --user or --all-users, not both" : "visible needs --user or --all-users");
        }

        if (user is not null && string.IsNullOrWhiteSpace(user))
        {
            throw new UsageException("visible needs a value for --user");
        }

        if (user is not null)
        {
            CheckUser(user);
        }

        using var session = await StoreSession.OpenExistingAsync(StoreSession.DatabasePath(args), readOnly: true, cancellationToken);
        var workspace = await session.ResolveWorkspaceAsync(args.GetGid("workspace"), cancellationToken);
        if (user is not null)
        {
            var userGid = await session.ResolveUserAsync(user, workspace, cancellationToken);
            var visible = await session.Store.GetVisibleTicketsAsync(userGid, workspace.Gid, cancellationToken);
            await using var json = context.CreateJsonWriter(out var stream);
            WriteArray(json, visible);
            await json.FlushAsync(cancellationToken);
            await FinishAsync(context, stream, cancellationToken);
            return ExitCodes.Success;
        }

        var all = await session.Store.GetVisibleTicketsForAllUsersAsync(workspace.Gid, cancellationToken);
        await using (var json = context.CreateJsonWriter(out var stream))
        {
            json.WriteStartObject();
            foreach (var (userGid, tickets) in all)
            {
                json.WritePropertyName(userGid);
                WriteArray(json, tickets);
                if (json.BytesPending > 64 * 1024)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }

            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
            await FinishAsync(context, stream, cancellationToken);
        }

        return ExitCodes.Success;
    }

    /// <summary><c>check --user U --ticket T</c>: <c>{"allowed": bool, "because": [...]}</c>.</summary>
    public static async Task<int> CheckAsync(CommandLineArguments args, CliContext context, CancellationToken cancellationToken)
    {
        var (decision, _, _, _) = await DecideAsync(args, cancellationToken);
        await using var json = context.CreateJsonWriter(out var stream);
        json.WriteStartObject();
        json.WriteBoolean("allowed", decision.Allowed);
        json.WriteStartArray("because");
        foreach (var grant in decision.Because)
        {
            json.WriteStringValue(grant.Description);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await FinishAsync(context, stream, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary><c>explain --user U --ticket T</c>: why (not), in words, on stdout.</summary>
    public static async Task<int> ExplainAsync(CommandLineArguments args, CliContext context, CancellationToken cancellationToken)
    {
        var (decision, permissions, userGid, ticketGid) = await DecideAsync(args, cancellationToken);
        foreach (var line in new Explanation(permissions).Lines(userGid, ticketGid, decision))
        {
            context.Out.Line(line);
        }

        return ExitCodes.Success;
    }

    /// <summary><c>search --user U TEXT</c>: permission-trimmed full-text hits as a JSON array; each hit re-checked.</summary>
    public static async Task<int> SearchAsync(CommandLineArguments args, CliContext context, CancellationToken cancellationToken)
    {
        args.AllowOnly("user", "limit", "db", "workspace");
        var user = CheckUser(args.Require("user"));
        // Control characters separate words (as the store reads them), so text made of nothing else is no text.
        var text = new string(string.Join(' ', args.Positional).Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        if (text.Length == 0)
        {
            throw new UsageException("search needs the text to look for, e.g. search --user jane@example.com launch plan");
        }

        var limit = 20;
        if (args.Get("limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 10_000))
        {
            throw new UsageException("--limit must be a whole number from 1 to 10000");
        }

        using var session = await StoreSession.OpenExistingAsync(StoreSession.DatabasePath(args), readOnly: true, cancellationToken);
        var workspace = await session.ResolveWorkspaceAsync(args.GetGid("workspace"), cancellationToken);
        var userGid = await session.ResolveUserAsync(user, workspace, cancellationToken);
        var hits = await session.Store.SearchAsync(userGid, text, limit, workspace.Gid, cancellationToken);

        // The index trims by principal tokens; the permission engine must agree on every hit (no hit, nothing to check).
        if (hits.Count > 0)
        {
            var permissions = await session.Store.LoadPermissionsAsync(workspace.Gid, null, cancellationToken)
                ?? throw new CliException($"unknown workspace {workspace.Gid}");
            var refused = hits.Where(h => !permissions.CanView(userGid, h.TicketGid)).Select(h => h.TicketGid).ToList();
            if (refused.Count > 0)
            {
                throw new CliException($"search returned {refused.Count} task(s) the permission engine does not let the user open ({string.Join(", ", refused)}); not printing them");
            }
        }

        await using var json = context.CreateJsonWriter(out var stream);
        json.WriteStartArray();
        foreach (var hit in hits)
        {
            json.WriteStartObject();
            json.WriteString("remote_id", hit.TicketGid);
            json.WriteString("name", hit.Name);
            json.WriteString("snippet", hit.Snippet);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        await FinishAsync(context, stream, cancellationToken);
        context.Err.Line(string.Create(CultureInfo.InvariantCulture,
            $"{hits.Count} hit(s) that user {userGid} can open; each re-checked with the permission engine"));
        return ExitCodes.Success;
    }

    /// <summary><c>export</c>: the Merge-shaped model, streamed from the store's rows.</summary>
    public static async Task<int> ExportAsync(CommandLineArguments args, CliContext context, CancellationToken cancellationToken)
    {
        args.AllowOnly("db", "workspace");
        args.NoPositional();
        using var session = await StoreSession.OpenExistingAsync(StoreSession.DatabasePath(args), readOnly: true, cancellationToken);
        var workspace = await session.ResolveWorkspaceAsync(args.GetGid("workspace"), cancellationToken);
        var stream = new Output.TextWriterStream(context.Stdout);
        await session.Store.WriteExportAsync(stream, workspace.Gid, context.StdoutIsTerminal, cancellationToken);
        await FinishAsync(context, stream, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary><c>purge --workspace GID</c>: removes every row of one workspace.</summary>
    public static async Task<int> PurgeAsync(CommandLineArguments args, CliContext context, CancellationToken cancellationToken)
    {
        args.AllowOnly("db", "workspace");
        args.NoPositional();
        var workspaceGid = args.RequireGid("workspace");
        using var session = await StoreSession.OpenExistingAsync(StoreSession.DatabasePath(args), readOnly: false, cancellationToken);
        var workspace = await session.ResolveWorkspaceAsync(workspaceGid, cancellationToken);
        if (!await session.Store.PurgeAsync(workspace.Gid, cancellationToken))
        {
            throw new CliException($"unknown workspace {workspaceGid}");
        }

        context.Err.Line($"purged workspace {workspace.Gid} ({workspace.Name}) from {session.Path}");
        return ExitCodes.Success;
    }

    private static async Task<(AccessDecision Decision, WorkspacePermissions Permissions, string UserGid, string TicketGid)> DecideAsync(
        CommandLineArguments args, CancellationToken cancellationToken)
    {
        args.AllowOnly("user", "ticket", "db", "workspace");
        args.NoPositional();
        var user = CheckUser(args.Require("user"));
        var ticket = args.RequireGid("ticket");
        using var session = await StoreSession.OpenExistingAsync(StoreSession.DatabasePath(args), readOnly: true, cancellationToken);
        var workspace = await session.ResolveWorkspaceAsync(args.GetGid("workspace"), cancellationToken);
        var userGid = await session.ResolveUserAsync(user, workspace, cancellationToken);
        var permissions = await session.Store.LoadPermissionsAsync(workspace.Gid, null, cancellationToken)
            ?? throw new CliException($"unknown workspace {workspace.Gid}");
        if (permissions.GetTicket(ticket) is null)
        {
            throw new CliException($"unknown task {ticket} in workspace {workspace.Gid}");
        }

        return (permissions.Explain(userGid, ticket), permissions, userGid, ticket);
    }

    /// <summary>
    /// --user is a user gid (digits) or an email address. Anything else is refused before it can be echoed in an
    /// "unknown user" line: it may be a token pasted in the wrong place.
    /// </summary>
    private static string CheckUser(string user) =>
        user.All(char.IsAsciiDigit) || user.Contains('@', StringComparison.Ordinal)
            ? user
            : throw new UsageException("--user takes a user gid (digits) or an email address");

    private static void WriteArray(Utf8JsonWriter json, IEnumerable<string> values)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>JSON ends with a newline so shells print the prompt on the next line.</summary>
    private static async Task FinishAsync(CliContext context, Stream stream, CancellationToken cancellationToken)
    {
        await stream.FlushAsync(cancellationToken);
        await context.Stdout.WriteLineAsync();
        await context.Stdout.FlushAsync(cancellationToken);
    }
}
