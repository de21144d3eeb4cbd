namespace Asana.Permissions.Console.Cli;

/// <summary>The command could not do its job: reported in one line on stderr with exit code 1.</summary>
internal sealed class CliException(string message) : Exception(message);
