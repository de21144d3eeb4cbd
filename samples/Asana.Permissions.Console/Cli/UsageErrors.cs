using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Asana.Permissions.Console.Cli;

/// <summary>
/// Turns what is wrong with a command line into one line that never quotes a value. A mistyped command line can put
/// the access token anywhere (<c>--token= TOKEN</c> makes it a stray word), so a word is quoted only when it is a plain
/// lower-case word that no token looks like; anything else is named by its position (1 is the first word).
/// </summary>
internal static partial class UsageErrors
{
    /// <summary>The first problem with <paramref name="args"/> as parsed into <paramref name="result"/>, or null.</summary>
    public static string? Find(ParseResult result, IReadOnlyList<string> args)
    {
        if (FindValueSyntaxError(args) is { } syntax)
        {
            return syntax;
        }

        var command = result.CommandResult.Command;
        var runsTheCommand = result.Action is ParseErrorAction || ReferenceEquals(result.Action, command.Action);
        if (!runsTheCommand)
        {
            // Help, version and completions: they print no word of the command line.
            return null;
        }

        if (FindUnknownWord(result, args) is { } unknown)
        {
            var (word, position) = (unknown.Token.Value, unknown.Position);
            return unknown switch
            {
                { Token.Type: TokenType.Directive } => $"argument {position} is not a directive this tool knows (it knows [suggest])",
                _ when command is RootCommand || unknown.BeforeCommand =>
                    $"unknown command {Quote(word, position)} (commands: {string.Join(", ", result.RootCommandResult.Command.Subcommands.Select(c => c.Name))})",
                _ when word.StartsWith('-') => $"{command.Name} does not take {OptionName(word, position)}",
                _ when command.Arguments.Count == 0 => $"{command.Name} takes options only, but argument {position} is not one (not shown, in case it is a secret)",
                _ => $"{command.Name} does not take argument {position} (not shown, in case it is a secret)",
            };
        }

        if (result.Errors.Count == 0)
        {
            return null;
        }

        if (command is RootCommand)
        {
            return $"no command given (try: {CommandTree.Name} help)";
        }

        // The parser's word for an option given twice is "expects a single argument"; last-wins would silently drop one
        // of two values (two tokens, two databases), so say what happened.
        var repeated = result.CommandResult.Children.OfType<OptionResult>().FirstOrDefault(o => o.IdentifierTokenCount > 1 && o.Tokens.Count > 1);
        return repeated is not null ? $"{repeated.Option.Name} is given more than once" : HideValues(result.Errors[0].Message);
    }

    /// <summary>
    /// The parser would read <c>--token= T</c> as <c>--token T</c> and <c>--token:T</c> as <c>--token T</c>; here the
    /// first gives no value and the second is no way to give one, so a mistyped line never runs with a token it did not mean.
    /// </summary>
    private static string? FindValueSyntaxError(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count && args[i] != "--"; i++)
        {
            var arg = args[i];
            var delimiter = arg.IndexOfAny(['=', ':']);
            if (!arg.StartsWith("--", StringComparison.Ordinal) || delimiter < 0)
            {
                continue;
            }

            var option = OptionName(arg[..delimiter], i + 1);
            if (arg[delimiter] == ':')
            {
                return $"{option} takes its value after a space or '=', not ':'";
            }

            if (delimiter == arg.Length - 1)
            {
                return $"{option} needs a value after '='";
            }
        }

        return null;
    }

    /// <summary>
    /// The first word that no option or argument took, or that looks like an option but was taken as a command's text
    /// (<c>search --user U --limt 5 plan</c>): a typo never silently changes what a command does. Words after
    /// <c>--</c> are text, whatever they look like.
    /// </summary>
    private static (Token Token, int Position, bool BeforeCommand)? FindUnknownWord(ParseResult result, IReadOnlyList<string> args)
    {
        var takenByOptions = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        var takenByArguments = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        CollectTaken(result.RootCommandResult, takenByOptions, takenByArguments);
        var tokens = result.Tokens;
        var positions = Positions(tokens, args);
        var seenCommand = false;
        var afterDoubleDash = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            seenCommand |= token.Type == TokenType.Command;
            afterDoubleDash |= token.Type == TokenType.DoubleDash;
            var unknown = token.Type switch
            {
                TokenType.Directive => result.UnmatchedTokens.Contains(token.Value),
                TokenType.Argument when takenByOptions.Contains(token) => false,
                TokenType.Argument when takenByArguments.Contains(token) => !afterDoubleDash && token.Value.Length > 2 && token.Value.StartsWith("--", StringComparison.Ordinal),
                TokenType.Argument => true,
                _ => false,
            };
            if (unknown)
            {
                return (token, positions[i], !seenCommand);
            }
        }

        return null;
    }

    private static void CollectTaken(CommandResult command, HashSet<Token> byOptions, HashSet<Token> byArguments)
    {
        foreach (var child in command.Children)
        {
            switch (child)
            {
                case OptionResult option:
                    byOptions.UnionWith(option.Tokens);
                    break;
                case ArgumentResult argument:
                    byArguments.UnionWith(argument.Tokens);
                    break;
                case CommandResult subcommand:
                    CollectTaken(subcommand, byOptions, byArguments);
                    break;
            }
        }
    }

    /// <summary>Each token's word position: one word per token, except <c>--name=value</c>, one word read as two tokens.</summary>
    private static int[] Positions(IReadOnlyList<Token> tokens, IReadOnlyList<string> args)
    {
        var positions = new int[tokens.Count];
        var word = 0;
        for (var i = 0; i < tokens.Count; i++, word++)
        {
            positions[i] = word + 1;
            if (word < args.Count && !string.Equals(tokens[i].Value, args[word], StringComparison.Ordinal) && i + 1 < tokens.Count)
            {
                positions[++i] = word + 1;
            }
        }

        return positions;
    }

    /// <summary>The word quoted when it is a plain lower-case word (a command name), else "argument N".</summary>
    private static string Quote(string word, int position) =>
        PlainWord().IsMatch(word) ? $"'{word}'" : $"argument {position}";

    private static string OptionName(string word, int position) =>
        PlainOption().IsMatch(word) ? word : $"the option at argument {position}";

    /// <summary>The parser's own messages quote what they name: keep option and command names, hide anything else.</summary>
    internal static string HideValues(string message) =>
        Quoted().Replace(message, match => PlainOption().IsMatch(match.Groups[1].Value) ? match.Value : "(a value not shown)");

    // Command and option names: no Asana token (digits, '/', ':') and no email address matches these.
    [GeneratedRegex("^[a-z][a-z-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainWord();

    [GeneratedRegex("^-{0,2}[a-z][a-z-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainOption();

    [GeneratedRegex("'([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();
}
