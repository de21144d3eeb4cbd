using System.CommandLine;
using Asana.Permissions.Console.Cli;

namespace Asana.Permissions.Console.Commands;

/// <summary>The options of <c>check</c> and <c>explain</c>, and the decision they ask for.</summary>
internal sealed class DecisionOptions
{
    private readonly Option<string> _user = CliOptions.User();
    private readonly Option<string> _ticket = CliOptions.Ticket();
    private readonly Option<string> _workspace = CliOptions.StoredWorkspace();
    private readonly Option<string> _database = CliOptions.Database();

    public void AddTo(Command command)
    {
        command.Add(_user);
        command.Add(_ticket);
        command.Add(_workspace);
        command.Add(_database);
    }

    /// <summary>Whether the user can see the task, from the store's rows rebuilt into the permission engine.</summary>
    public async Task<(AccessDecision Decision, WorkspacePermissions Permissions, string UserGid, string TicketGid)> DecideAsync(
        ParseResult parseResult, CancellationToken cancellationToken)
    {
        var ticket = parseResult.GetRequiredValue(_ticket);
        using var session = await StoreSession.OpenExistingAsync(StoreSession.DatabasePath(parseResult.GetRequiredValue(_database)), readOnly: true, cancellationToken);
        var workspace = await session.ResolveWorkspaceAsync(parseResult.GetValue(_workspace), cancellationToken);
        var userGid = await session.ResolveUserAsync(parseResult.GetRequiredValue(_user), workspace, cancellationToken);
        var permissions = await session.Store.LoadPermissionsAsync(workspace.Gid, null, cancellationToken)
            ?? throw new CliException($"unknown workspace {workspace.Gid}");
        if (permissions.GetTicket(ticket) is null)
        {
            throw new CliException($"unknown task {ticket} in workspace {workspace.Gid}");
        }

        return (permissions.Explain(userGid, ticket), permissions, userGid, ticket);
    }
}
