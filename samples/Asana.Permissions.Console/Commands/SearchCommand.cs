using System.CommandLine;
using System.Globalization;
using Asana.Permissions.Console.Cli;
using Asana.Permissions.Console.Output;

namespace Asana.Permissions.Console.Commands;

/// <summary><c>search --user U TEXT</c>: permission-trimmed full-text hits as a JSON array; each hit re-checked.</summary>
internal sealed class SearchCommand : Command
{
    private readonly Option<string> _user = CliOptions.User();
    private readonly Argument<string[]> _text = new("text")
    {
        Description = "The words to look for (words starting with -- go after a --).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<int> _limit = CliOptions.WholeNumber("--limit", "The most hits to print.", 20, 1, 10_000, "--limit must be a whole number from 1 to 10000");
    private readonly Option<string> _workspace = CliOptions.StoredWorkspace();
    private readonly Option<string> _database = CliOptions.Database();
    private readonly CliContext _context;

    public SearchCommand(CliContext context)
        : base("search", "Full-text search over task names and notes, trimmed to what the user can see (JSON array).")
    {
        _context = context;
        Add(_user);
        Add(_text);
        Add(_limit);
        Add(_workspace);
        Add(_database);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        // Control characters separate words (as the store reads them), so text made of nothing else is no text.
        var words = parseResult.GetValue(_text) ?? [];
        var text = new string(string.Join(' ', words).Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        if (text.Length == 0)
        {
            throw new UsageException("search needs the text to look for, e.g. search --user jane@example.com launch plan");
        }

        await using var session = await StoreSession.OpenExistingAsync(StoreLocation.Parse(parseResult.GetRequiredValue(_database)), readOnly: true, cancellationToken);
        var workspace = await session.ResolveWorkspaceAsync(parseResult.GetValue(_workspace), cancellationToken);
        var userGid = await session.ResolveUserAsync(parseResult.GetRequiredValue(_user), workspace, cancellationToken);
        var hits = await session.Reader.SearchAsync(workspace.Gid, userGid, text, parseResult.GetValue(_limit), cancellationToken);

        // The index trims by principal tokens; the permission engine must agree on every hit (the store caches the
        // engine it rebuilds, so only the first hit pays for it; no hit, nothing to check).
        var refused = new List<string>();
        foreach (var hit in hits)
        {
            if (!(await session.Reader.ExplainAsync(workspace.Gid, userGid, hit.TicketGid, cancellationToken)).Allowed)
            {
                refused.Add(hit.TicketGid);
            }
        }

        if (refused.Count > 0)
        {
            throw new CliException($"search returned {refused.Count} task(s) the permission engine does not let the user open ({string.Join(", ", refused)}); not printing them");
        }

        await using var json = _context.CreateJsonWriter(out var stream);
        AnswerJson.WriteSearchHits(json, hits);
        await json.FlushAsync(cancellationToken);
        await _context.FinishJsonAsync(stream, cancellationToken);
        _context.Err.Line(string.Create(CultureInfo.InvariantCulture,
            $"{hits.Count} hit(s) that user {userGid} can open; each re-checked with the permission engine"));
        return ExitCodes.Success;
    }
}
