namespace Asana.Client.DependencyInjection;

/// <summary>The validated, copied options of the DI-registered client (read once: later option changes are ignored).</summary>
internal sealed record AsanaClientSettings(AsanaClientOptions Options);
