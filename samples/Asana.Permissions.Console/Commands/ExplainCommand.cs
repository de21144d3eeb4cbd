using System.CommandLine;
using Asana.Permissions.Console.Cli;

namespace Asana.Permissions.Console.Commands;

/// <summary><c>explain --user U --ticket T</c>: why (not), in words, on stdout.</summary>
internal sealed class ExplainCommand : Command
{
    private readonly DecisionOptions _options = new();
    private readonly CliContext _context;

    public ExplainCommand(CliContext context)
        : base("explain", "Why the user can or cannot see the task, in words.")
    {
        _context = context;
        _options.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var (decision, data, userGid, ticketGid) = await _options.DecideAsync(parseResult, withData: true, cancellationToken);
        foreach (var line in new Explanation(data!).Lines(userGid, ticketGid, decision))
        {
            _context.Out.Line(line);
        }

        return ExitCodes.Success;
    }
}
