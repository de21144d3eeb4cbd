using System.CommandLine;
using Asana.Permissions.Console.Cli;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Console.Commands;

/// <summary>The options of <c>check</c> and <c>explain</c>, and the decision they ask for.</summary>
internal sealed class DecisionOptions
{
    // The engine's reason for a task it does not know (GrantExplainer.UnknownTicket).
    private const string UnknownTicket = "unknown ticket";
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

    /// <summary>
    /// Whether the user can see the task: the store's own decision (the permission engine rebuilt from its rows), and,
    /// when <paramref name="withData"/>, the stored records that put it in context.
    /// </summary>
    public async Task<(AccessDecision Decision, WorkspaceData? Data, string UserGid, string TicketGid)> DecideAsync(
        ParseResult parseResult, bool withData, CancellationToken cancellationToken)
    {
        var ticket = parseResult.GetRequiredValue(_ticket);
        await using var session = await StoreSession.OpenExistingAsync(StoreLocation.Parse(parseResult.GetRequiredValue(_database)), readOnly: true, cancellationToken);
        var workspace = await session.ResolveWorkspaceAsync(parseResult.GetValue(_workspace), cancellationToken);
        var userGid = await session.ResolveUserAsync(parseResult.GetRequiredValue(_user), workspace, cancellationToken);
        var decision = await session.Reader.ExplainAsync(workspace.Gid, userGid, ticket, cancellationToken);
        if (!decision.Allowed && decision.DenialReason == UnknownTicket)
        {
            throw new CliException($"unknown task {ticket} in workspace {workspace.Gid}");
        }

        var data = withData
            ? (await session.Store.LoadAsync(workspace.Gid, cancellationToken) ?? throw new CliException($"unknown workspace {workspace.Gid}")).Data
            : null;
        return (decision, data, userGid, ticket);
    }
}
