using System.Text.RegularExpressions;

namespace Asana.Permissions.Console.Cli;

/// <summary>
/// The parsed command line: a command, its <c>--name value</c> options, its <c>--flag</c> switches and its
/// positional words. Unknown options are errors, so a typo never silently changes what a command does.
/// </summary>
/// <remarks>
/// A mistyped command line can put the access token anywhere (<c>--token= TOKEN</c> makes it a stray word), so errors
/// quote a word only when it is a plain lower-case word that no token looks like; anything else is named by its
/// position (1 is the command).
/// </remarks>
internal sealed partial class CommandLineArguments
{
    private readonly Dictionary<string, (string Value, int Position)> _options;
    private readonly Dictionary<string, int> _flags;
    private readonly List<int> _positionalAt;

    private CommandLineArguments(string command, Dictionary<string, (string, int)> options, Dictionary<string, int> flags, List<string> positional, List<int> positionalAt)
    {
        Command = command;
        _options = options;
        _flags = flags;
        Positional = positional;
        _positionalAt = positionalAt;
    }

    public string Command { get; }

    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses <paramref name="args"/>; <paramref name="flagNames"/> are the switches that take no value.</summary>
    public static CommandLineArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> flagNames)
    {
        if (args.Count == 0)
        {
            throw new UsageException("no command given");
        }

        var options = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        var flags = new Dictionary<string, int>(StringComparer.Ordinal);
        var positional = new List<string>();
        var positionalAt = new List<int>();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            var position = i + 1;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positional.Add(arg);
                positionalAt.Add(position);
                continue;
            }

            var name = arg[2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            string value;
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (flagNames.Contains(name))
            {
                flags.TryAdd(name, position);
                continue;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"{OptionName(name, position)} needs a value");
            }

            // Last-wins would silently drop one of two values (two tokens, two databases): refuse instead.
            if (!options.TryAdd(name, (value, position)))
            {
                throw new UsageException($"{OptionName(name, position)} is given more than once");
            }
        }

        return new CommandLineArguments(args[0], options, flags, positional, positionalAt);
    }

    /// <summary>The word quoted when it is a plain lower-case word (a command or option name), else "argument N".</summary>
    public static string Quote(string word, int position) =>
        PlainWord().IsMatch(word) ? $"'{word}'" : $"argument {position}";

    public string? Get(string name) => _options.TryGetValue(name, out var option) ? option.Value : null;

    public string Require(string name) =>
        _options.TryGetValue(name, out var option) && !string.IsNullOrWhiteSpace(option.Value)
            ? option.Value
            : throw new UsageException($"{Command} needs --{name}");

    /// <summary>An optional gid option: digits only (a gid is never echoed back, since it may be a mistyped secret).</summary>
    public string? GetGid(string name) => Get(name) is { } value ? CheckGid(name, value) : null;

    /// <summary>A required gid option: digits only.</summary>
    public string RequireGid(string name) => CheckGid(name, Require(name));

    public bool Has(string name) => _flags.ContainsKey(name);

    /// <summary>Fails when the command was given words it does not take; names the first by position only.</summary>
    public void NoPositional()
    {
        if (Positional.Count > 0)
        {
            throw new UsageException($"{Command} takes options only, but argument {_positionalAt[0]} is not one (not shown, in case it is a secret)");
        }
    }

    /// <summary>Fails on any option or flag the command does not know.</summary>
    public void AllowOnly(params string[] names)
    {
        var known = new HashSet<string>(names, StringComparer.Ordinal);
        var unknown = _options.Select(o => (Name: o.Key, o.Value.Position)).Concat(_flags.Select(f => (Name: f.Key, Position: f.Value)))
            .Where(o => !known.Contains(o.Name))
            .OrderBy(o => o.Position)
            .FirstOrDefault();
        if (unknown.Name is not null)
        {
            throw new UsageException($"{Command} does not take {OptionName(unknown.Name, unknown.Position)}");
        }
    }

    private static string CheckGid(string name, string value) =>
        value.Length > 0 && value.All(char.IsAsciiDigit)
            ? value
            : throw new UsageException($"--{name} takes a gid (digits only)");

    private static string OptionName(string name, int position) =>
        PlainWord().IsMatch(name) ? $"--{name}" : $"the option at argument {position}";

    // Command and option names: no Asana token (digits, '/', ':') and no email address matches this.
    [GeneratedRegex("^[a-z][a-z-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainWord();
}
