using System.CommandLine;
using Asana.Permissions.Console.Cli;

namespace Asana.Permissions.Console.Commands;

/// <summary><c>purge --workspace GID</c>: removes every row of one workspace.</summary>
internal sealed class PurgeCommand : Command
{
    private readonly Option<string> _workspace = CliOptions.Workspace("The workspace to remove from the store.", required: true);
    private readonly Option<string> _database = CliOptions.Database();
    private readonly CliContext _context;

    public PurgeCommand(CliContext context)
        : base("purge", "Remove everything stored for a workspace.")
    {
        _context = context;
        Add(_workspace);
        Add(_database);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var workspaceGid = parseResult.GetRequiredValue(_workspace);
        await using var session = await StoreSession.OpenExistingAsync(StoreLocation.Parse(parseResult.GetRequiredValue(_database)), readOnly: false, cancellationToken);
        var workspace = await session.ResolveWorkspaceAsync(workspaceGid, cancellationToken);
        if (!await session.Store.PurgeAsync(workspace.Gid, cancellationToken))
        {
            throw new CliException($"unknown workspace {workspaceGid}");
        }

        _context.Err.Line($"purged workspace {workspace.Gid} ({workspace.Name}) from {session.Description}");
        return ExitCodes.Success;
    }
}
