using System.CommandLine;
using Asana.Permissions.Console.Cli;

namespace Asana.Permissions.Console.Commands;

/// <summary><c>export</c>: the Merge-shaped model, streamed from the store's rows.</summary>
internal sealed class ExportCommand : Command
{
    private readonly Option<string> _workspace = CliOptions.StoredWorkspace();
    private readonly Option<string> _database = CliOptions.Database();
    private readonly CliContext _context;

    public ExportCommand(CliContext context)
        : base("export", "The Merge-shaped model as JSON: workspace, roles, users, teams, collections, tickets.")
    {
        _context = context;
        Add(_workspace);
        Add(_database);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var session = await StoreSession.OpenExistingAsync(StoreLocation.Parse(parseResult.GetRequiredValue(_database)), readOnly: true, cancellationToken);
        var workspace = await session.ResolveWorkspaceAsync(parseResult.GetValue(_workspace), cancellationToken);
        var stream = new Output.TextWriterStream(_context.Stdout);
        await session.Reader.WriteExportAsync(workspace.Gid, stream, _context.StdoutIsTerminal, cancellationToken);
        await _context.FinishJsonAsync(stream, cancellationToken);
        return ExitCodes.Success;
    }
}
