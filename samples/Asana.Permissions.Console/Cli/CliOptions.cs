using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Asana.Permissions.Console.Cli;

/// <summary>
/// The options several commands share, each with its check. A value that fails a check is a usage error that never
/// quotes the value: a mistyped command line can put the access token anywhere.
/// </summary>
internal static class CliOptions
{
    public static Option<string> Database(string defaultPath = Defaults.Database) => new("--db")
    {
        Description = "The store: a SQLite file, or a PostgreSQL database as postgresql://USER[:PASSWORD]@HOST[:PORT]/DB.",
        HelpName = "PATH|URI",
        DefaultValueFactory = _ => defaultPath,
    };

    public static Option<string> Workspace(string description, bool required = false) => new("--workspace")
    {
        Description = description,
        HelpName = "GID",
        Required = required,
        CustomParser = result => Gid(result, "--workspace"),
    };

    /// <summary>The reading commands' <c>--workspace</c>: needed only when the store holds several.</summary>
    public static Option<string> StoredWorkspace() =>
        Workspace("The workspace to read; needed only when the store holds several.");

    public static Option<string> User(bool required = true) => new("--user")
    {
        Description = "The user: a user gid or an email address.",
        HelpName = "GID-or-email",
        Required = required,
        CustomParser = ParseUser,
    };

    public static Option<string> Ticket() => new("--ticket")
    {
        Description = "The task's gid.",
        HelpName = "GID",
        Required = true,
        CustomParser = result => Gid(result, "--ticket"),
    };

    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "Print the libraries' log lines (retries, throttling, phases) on stderr.",
    };

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>; else <paramref name="error"/>.</summary>
    public static Option<int> WholeNumber(string name, string description, int defaultValue, int minimum, int maximum, string error) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            if (int.TryParse(Value(result), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
            {
                return value;
            }

            result.AddError(error);
            return defaultValue;
        },
    };

    /// <summary>The option's one word (the parser has already refused a missing or second one).</summary>
    public static string Value(ArgumentResult result) => result.Tokens is [var token] ? token.Value : string.Empty;

    /// <summary>A gid: digits only (a gid is never echoed back, since it may be a mistyped secret).</summary>
    private static string? Gid(ArgumentResult result, string option)
    {
        var value = Value(result);
        if (value.Length > 0 && value.All(char.IsAsciiDigit))
        {
            return value;
        }

        result.AddError($"{option} takes a gid (digits only)");
        return null;
    }

    /// <summary>
    /// A user gid (digits) or an email address. Anything else is refused before it can be echoed in an "unknown user"
    /// line: it may be a token pasted in the wrong place.
    /// </summary>
    private static string? ParseUser(ArgumentResult result)
    {
        var value = Value(result);
        if (value.Length > 0 && (value.All(char.IsAsciiDigit) || value.Contains('@', StringComparison.Ordinal)))
        {
            return value;
        }

        result.AddError("--user takes a user gid (digits) or an email address");
        return null;
    }
}
