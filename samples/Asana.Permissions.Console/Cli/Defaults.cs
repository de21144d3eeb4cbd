namespace Asana.Permissions.Console.Cli;

/// <summary>What the console uses when an option is not given.</summary>
internal static class Defaults
{
    public const string BaseUrl = "https://app.asana.com/api/1.0";
    public const string Database = "asana-permissions.db";
    public const string DemoDatabase = "asana-permissions-demo.db";

    /// <summary>Where <c>sync</c> takes the access token from when <c>--token</c> is not given.</summary>
    public const string TokenVariable = "ASANA_TOKEN";
}
