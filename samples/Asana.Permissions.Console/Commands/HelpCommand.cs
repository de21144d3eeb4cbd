using System.CommandLine;
using System.CommandLine.Completions;
using Asana.Permissions.Console.Cli;

namespace Asana.Permissions.Console.Commands;

/// <summary><c>help [COMMAND]</c>: the generated help of one command, or of all (the same as <c>--help</c>).</summary>
internal sealed class HelpCommand : Command
{
    private readonly Argument<string> _command = new("command")
    {
        Description = "The command to describe.",
        HelpName = "command",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public HelpCommand(RootCommand root)
        : base("help", "Show the help of a command, or list the commands.")
    {
        _command.CompletionSources.Add(_ => CommandNames(root).Select(name => new CompletionItem(name)));
        Add(_command);
        SetAction((parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(_command);
            if (name is not null && !CommandNames(root).Contains(name, StringComparer.Ordinal))
            {
                // Not quoted: it may be a token pasted in the wrong place.
                throw new UsageException($"help takes the name of a command: {string.Join(", ", CommandNames(root))}");
            }

            string[] helpArgs = name is null ? ["--help"] : [name, "--help"];
            return CommandTree.Parse(root, helpArgs).InvokeAsync(parseResult.InvocationConfiguration, cancellationToken);
        });
    }

    private static IEnumerable<string> CommandNames(RootCommand root) => root.Subcommands.Select(c => c.Name);
}
