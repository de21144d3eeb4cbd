namespace Asana.Permissions.Console.Cli;

/// <summary>
/// The parsed command line: a command, its <c>--name value</c> options, its <c>--flag</c> switches and its
/// positional words. Unknown options are errors, so a typo never silently changes what a command does.
/// </summary>
internal sealed class CommandLineArguments
{
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _flags;

    private CommandLineArguments(string command, Dictionary<string, string> options, HashSet<string> flags, IReadOnlyList<string> positional)
    {
        Command = command;
        _options = options;
        _flags = flags;
        Positional = positional;
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

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                options[name[..equals]] = name[(equals + 1)..];
            }
            else if (flagNames.Contains(name))
            {
                flags.Add(name);
            }
            else if (i + 1 < args.Count)
            {
                options[name] = args[++i];
            }
            else
            {
                throw new UsageException($"option --{name} needs a value");
            }
        }

        return new CommandLineArguments(args[0], options, flags, positional);
    }

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public string Require(string name) =>
        _options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new UsageException($"{Command} needs --{name}");

    public bool Has(string name) => _flags.Contains(name);

    /// <summary>Fails when the command was given words it does not take.</summary>
    public void NoPositional()
    {
        if (Positional.Count > 0)
        {
            throw new UsageException($"{Command} does not take '{Positional[0]}'");
        }
    }

    /// <summary>Fails on any option or flag the command does not know.</summary>
    public void AllowOnly(params string[] names)
    {
        var known = new HashSet<string>(names, StringComparer.Ordinal);
        var unknown = _options.Keys.Concat(_flags).FirstOrDefault(n => !known.Contains(n));
        if (unknown is not null)
        {
            throw new UsageException($"{Command} does not take --{unknown}");
        }
    }
}
