namespace Asana.Sync.PostgreSql.Tests;

/// <summary>The server as an xunit collection fixture: started before the collection's first test, stopped after its last.</summary>
public sealed partial class PostgreSqlServer : IAsyncLifetime
{
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
