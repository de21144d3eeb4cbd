using System.CommandLine;
using Asana.Permissions.Console.Cli;
using Asana.Permissions.Console.Output;

namespace Asana.Permissions.Console.Commands;

/// <summary><c>check --user U --ticket T</c>: <c>{"allowed": bool, "because": [...]}</c>.</summary>
internal sealed class CheckCommand : Command
{
    private readonly DecisionOptions _options = new();
    private readonly CliContext _context;

    public CheckCommand(CliContext context)
        : base("check", """JSON {"allowed": bool, "because": [...]}: whether the user can see the task, and the grants that allow it.""")
    {
        _context = context;
        _options.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var (decision, _, _, _) = await _options.DecideAsync(parseResult, withData: false, cancellationToken);
        await using var json = _context.CreateJsonWriter(out var stream);
        AnswerJson.StartDecision(json, decision);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await _context.FinishJsonAsync(stream, cancellationToken);
        return ExitCodes.Success;
    }
}
