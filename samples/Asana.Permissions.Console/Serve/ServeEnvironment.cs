namespace Asana.Permissions.Console.Serve;

/// <summary>
/// <c>serve</c> runs under service managers and in containers, configured by environment as much as by arguments: each
/// of its options that the command line leaves out is taken from its variable (the token already comes from
/// <c>ASANA_TOKEN</c>). The values go through the same parsing and checks as typed ones.
/// </summary>
internal static class ServeEnvironment
{
    /// <summary>Option → the variable that supplies it when the command line does not.</summary>
    public static IReadOnlyList<(string Option, string Variable)> Variables { get; } =
    [
        ("--workspace", "ASANA_WORKSPACE"),
        ("--base-url", "ASANA_BASE_URL"),
        ("--db", "ASANA_PERMISSIONS_DB"),
        ("--listen", "ASANA_LISTEN"),
        ("--public-url", "ASANA_PUBLIC_URL"),
        ("--sync-interval", "ASANA_SYNC_INTERVAL"),
        ("--webhook-secrets", "ASANA_WEBHOOK_SECRETS"),
    ];

    /// <summary>The arguments of a <c>serve</c> command line completed from the environment; others unchanged.</summary>
    public static string[] Complete(string[] args, Func<string, string?> environment)
    {
        if (args.Length == 0 || args[0] != "serve")
        {
            return args;
        }

        var completed = new List<string>(args);
        foreach (var (option, variable) in Variables)
        {
            var given = args.Any(a => a == option || a.StartsWith(option + "=", StringComparison.Ordinal));
            if (!given && environment(variable) is { Length: > 0 } value)
            {
                completed.Add(option);
                completed.Add(value);
            }
        }

        return [.. completed];
    }
}
