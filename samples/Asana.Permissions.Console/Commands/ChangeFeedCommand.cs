using System.CommandLine;
using System.Globalization;
using Asana.Permissions.Console.Cli;
using Asana.Sync.Storage;

namespace Asana.Permissions.Console.Commands;

/// <summary>
/// <c>changes [--since CURSOR] [--limit N]</c>: one page of the store's change feed as JSON, for a host keeping a search
/// index in step: <c>{"changes": [...], "next_cursor": "...", "has_more": bool}</c>.
/// </summary>
internal sealed class ChangeFeedCommand : Command
{
    private readonly Option<string> _since = new("--since")
    {
        Description = "The next_cursor of the previous page; none to read from the start.",
        HelpName = "CURSOR",
    };

    private readonly Option<int> _limit = CliOptions.WholeNumber("--limit", "The most changes to print.", 500, 1, 10_000, "--limit must be a whole number from 1 to 10000");
    private readonly Option<string> _workspace = CliOptions.StoredWorkspace();
    private readonly Option<string> _database = CliOptions.Database();
    private readonly CliContext _context;

    public ChangeFeedCommand(CliContext context)
        : base("changes", "The tickets and collections changed since a cursor, with their Merge model and principal tokens (JSON).")
    {
        _context = context;
        Add(_since);
        Add(_limit);
        Add(_workspace);
        Add(_database);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var session = await StoreSession.OpenExistingAsync(StoreLocation.Parse(parseResult.GetRequiredValue(_database)), readOnly: true, cancellationToken);
        var workspaceGid = parseResult.GetValue(_workspace);
        // A purged workspace is no longer listed, yet its feed still tells a host to drop what it indexed.
        var workspace = workspaceGid ?? (await session.ResolveWorkspaceAsync(null, cancellationToken)).Gid;
        ChangePage page;
        try
        {
            page = await session.Feed.GetChangesAsync(workspace, parseResult.GetValue(_since), parseResult.GetValue(_limit), cancellationToken);
        }
        catch (PermissionStoreException ex) when (ex.Error == PermissionStoreError.InvalidCursor)
        {
            throw new CliException("--since: " + ex.Message);
        }

        await using var json = _context.CreateJsonWriter(out var stream);
        json.WriteStartObject();
        json.WriteStartArray("changes");
        foreach (var change in page.Changes)
        {
            json.WriteStartObject();
            json.WriteString("kind", change.Kind == ChangeKind.Ticket ? "ticket" : "collection");
            json.WriteString("remote_id", change.Gid);
            json.WriteBoolean("deleted", change.Deleted);
            if (change.ModelJson is { } model)
            {
                json.WritePropertyName("model");
                json.WriteRawValue(model);
            }
            else
            {
                json.WriteNull("model");
            }

            json.WriteStartArray("principal_tokens");
            foreach (var token in change.PrincipalTokens)
            {
                json.WriteStringValue(token);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("next_cursor", page.NextCursor);
        json.WriteBoolean("has_more", page.HasMore);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await _context.FinishJsonAsync(stream, cancellationToken);
        _context.Err.Line(string.Create(CultureInfo.InvariantCulture,
            $"{page.Changes.Count} change(s) in workspace {workspace}{(page.HasMore ? "; more follow: run again with --since next_cursor" : string.Empty)}"));
        return ExitCodes.Success;
    }
}
