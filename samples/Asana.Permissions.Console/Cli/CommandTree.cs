using System.CommandLine;
using Asana.Permissions.Console.Commands;

namespace Asana.Permissions.Console.Cli;

/// <summary>The console's commands and options, parsed by System.CommandLine, which also generates help and completions.</summary>
internal static class CommandTree
{
    /// <summary>The executable's name, shown in help (tests run in a host with another name).</summary>
    public const string Name = "asana-permissions";

    private const string Description = """
        Who can see which Asana task, synced into a local SQLite store.
        JSON answers go to stdout; progress, summaries and one-line errors to stderr. The access token is never printed.
        Exit codes: 0 success, 1 failure, 2 bad command line, 130 interrupted (Ctrl+C).
        """;

    /// <summary>The commands, writing to <paramref name="context"/>.</summary>
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand(Description)
        {
            new DemoCommand(context),
            new SyncCommand(context),
            new VisibleCommand(context),
            new CheckCommand(context),
            new ExplainCommand(context),
            new SearchCommand(context),
            new ExportCommand(context),
            new PurgeCommand(context),
            new ChangeFeedCommand(context),
            new ServeCommand(context),
        };
        root.HelpName = Name;
        root.Subcommands.Add(new HelpCommand(root));
        return root;
    }

    /// <summary>
    /// Parses <paramref name="args"/>. Response files are off: an <c>@file</c> would bring in words (a token) that were
    /// never on the command line, so none of the secret handling would see them. Bundling (<c>-ab</c> as <c>-a -b</c>)
    /// is off too: there are no short options to bundle, and each word stays one token that errors can name by position.
    /// </summary>
    public static ParseResult Parse(RootCommand root, IReadOnlyList<string> args) =>
        root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null, EnablePosixBundling = false });
}
