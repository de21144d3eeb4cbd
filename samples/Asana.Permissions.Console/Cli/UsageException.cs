namespace Asana.Permissions.Console.Cli;

/// <summary>The command line is wrong: reported in one line with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
