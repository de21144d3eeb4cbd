using System.Net;
using System.Net.Sockets;
using Asana.Sync.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Asana.Sync.PostgreSql.Tests;

/// <summary>AddAsanaSyncPostgreSql registers one store, as itself and as IPermissionStore, and never leaks the password.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class AddAsanaSyncPostgreSqlTests(PostgreSqlServer server)
{
    [Fact]
    public async Task TheStore_IsOneSingleton_ThatSyncsIntoTheDatabase()
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            var services = new ServiceCollection();
            services.AddAsanaSyncPostgreSql(database);
            await using (var provider = services.BuildServiceProvider())
            {
                var store = provider.GetRequiredService<PostgreSqlPermissionStore>();
                provider.GetRequiredService<IPermissionStore>().Should().BeSameAs(store);
                (await store.GetGenerationAsync("100")).Should().Be(0);
            }
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task AnUnreachableServer_FailsInOneLine_WithoutThePassword()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var services = new ServiceCollection();
        services.AddAsanaSyncPostgreSql($"Host=127.0.0.1;Port={port};Database=asana;Username=sync;Password=SECRET;Timeout=5");
        await using var provider = services.BuildServiceProvider();

        var error = await Record.ExceptionAsync(() => provider.GetRequiredService<IPermissionStore>().LoadAsync("100"));

        error.Should().BeOfType<InvalidOperationException>();
        error!.Message.Should().StartWith($"Cannot open the PostgreSQL database asana on 127.0.0.1:{port}:").And.NotContain("SECRET").And.NotContain("\n");
        error.ToString().Should().NotContain("SECRET");
    }
}
