using Asana.Client;
using Asana.Simulator;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Asana.Sync.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Asana.Sync.Tests.DependencyInjection;

public sealed class AsanaSyncServiceCollectionExtensionsTests
{
    [Fact]
    public async Task WithADatabasePath_TheEngineSyncsIntoTheSqliteStoreAtThatPath()
    {
        using var db = new TempDatabase();

        var (provider, workspaceGid) = await SyncThroughAsync(services => services.AddAsanaSync(db.Path, o => o.MaxParallelism = 4));

        await using (provider)
        {
            var store = provider.GetRequiredService<SqlitePermissionStore>();
            provider.GetRequiredService<IPermissionStore>().Should().BeSameAs(store);
            store.DatabasePath.Should().Be(db.Path);
            (await store.ListWorkspacesAsync()).Should().ContainSingle(w => w.Gid == workspaceGid);
            provider.GetRequiredService<AsanaSyncOptions>().MaxParallelism.Should().Be(4);
            provider.GetRequiredService<IOptions<AsanaSyncOptions>>().Value.Should().BeSameAs(provider.GetRequiredService<AsanaSyncOptions>());
        }
    }

    [Fact]
    public async Task WithAStoreType_TheEngineSyncsIntoThatStore_AndNoSqliteStoreIsRegisteredOrCreated()
    {
        var before = DatabaseFilesInWorkingDirectory();

        var (provider, workspaceGid) = await SyncThroughAsync(services => services.AddAsanaSync<InMemoryPermissionStore>(o => o.MaxParallelism = 4));

        await using (provider)
        {
            var store = provider.GetRequiredService<InMemoryPermissionStore>();
            provider.GetRequiredService<IPermissionStore>().Should().BeSameAs(store);
            (await store.LoadAsync(workspaceGid)).Should().NotBeNull("the engine wrote to this store");
            provider.GetRequiredService<AsanaSyncOptions>().MaxParallelism.Should().Be(4);
            provider.GetService<SqlitePermissionStore>().Should().BeNull();
        }

        DatabaseFilesInWorkingDirectory().Should().BeEquivalentTo(before, "bringing your own store creates no SQLite file");
    }

    [Fact]
    public async Task WithAStoreFactory_TheEngineSyncsIntoTheStoreItBuilds_AndNoSqliteStoreIsRegisteredOrCreated()
    {
        var before = DatabaseFilesInWorkingDirectory();
        var built = new InMemoryPermissionStore();
        var calls = 0;

        var (provider, workspaceGid) = await SyncThroughAsync(services => services.AddAsanaSync(_ =>
        {
            calls++;
            return built;
        }));

        await using (provider)
        {
            provider.GetRequiredService<IPermissionStore>().Should().BeSameAs(built);
            calls.Should().Be(1, "the store is a singleton");
            (await built.LoadAsync(workspaceGid)).Should().NotBeNull("the engine wrote to this store");
            provider.GetService<SqlitePermissionStore>().Should().BeNull();
        }

        DatabaseFilesInWorkingDirectory().Should().BeEquivalentTo(before, "bringing your own store creates no SQLite file");
    }

    [Fact]
    public void AStoreRegisteredAlready_IsRefused_InsteadOfSilentlyWritingToAnother()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IPermissionStore>(new InMemoryPermissionStore());

        var act = () => services.AddAsanaSync("ignored.db");

        act.Should().Throw<InvalidOperationException>().WithMessage("An IPermissionStore is already registered (InMemoryPermissionStore).*AddAsanaSync<TStore>()*");
        services.Should().NotContain(d => d.ServiceType == typeof(SqlitePermissionStore) || d.ServiceType == typeof(AsanaSyncEngine), "a refused call registers nothing");

        var twice = new ServiceCollection().AddAsanaSync<InMemoryPermissionStore>();
        ((Action)(() => twice.AddAsanaSync(_ => new InMemoryPermissionStore()))).Should().Throw<InvalidOperationException>().WithMessage("*already registered (by a factory)*call it once*");
    }

    [Theory]
    [InlineData(nameof(AsanaSyncOptions.MaxParallelism))]
    [InlineData(nameof(AsanaSyncOptions.LookbackDays))]
    [InlineData(nameof(AsanaSyncOptions.FullSyncInterval))]
    [InlineData(nameof(AsanaSyncOptions.ProjectlessRescanInterval))]
    [InlineData(nameof(AsanaSyncOptions.SearchIndexLagMargin))]
    [InlineData(nameof(AsanaSyncOptions.StoreBatchSize))]
    [InlineData(nameof(AsanaSyncOptions.SyncLeaseDuration))]
    [InlineData(nameof(AsanaSyncOptions.SyncLeaseWait))]
    [InlineData(nameof(AsanaSyncOptions.CommitConflictRetries))]
    public async Task AnInvalidOption_FailsAtStartupAndWhenTheEngineIsResolved_NamingIt(string option)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IAsanaClient>(_ => throw new InvalidOperationException("not needed"));
        services.AddAsanaSync<InMemoryPermissionStore>(o => Invalidate(o, option));
        await using var provider = services.BuildServiceProvider();

        var atStartup = () => provider.GetRequiredService<IStartupValidator>().Validate();
        var atResolve = () => provider.GetRequiredService<AsanaSyncEngine>();

        atStartup.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().StartWith($"AsanaSyncOptions.{option} must be");
        atResolve.Should().Throw<OptionsValidationException>().WithMessage($"*AsanaSyncOptions.{option} must be*");
    }

    [Theory]
    [InlineData(nameof(AsanaSyncOptions.MaxParallelism))]
    [InlineData(nameof(AsanaSyncOptions.SyncLeaseDuration))]
    [InlineData(nameof(AsanaSyncOptions.LookbackDays))]
    public void TheEngineConstructor_RefusesTheSameOptions(string option)
    {
        using var client = AsanaClient.Create(new AsanaClientOptions { AccessToken = "unused" });
        var options = new AsanaSyncOptions();
        Invalidate(options, option);

        var act = () => new AsanaSyncEngine(client, new InMemoryPermissionStore(), options);

        act.Should().Throw<OptionsValidationException>().WithMessage($"AsanaSyncOptions.{option} must be*");
    }

    [Fact]
    public void TheEdgesOfEachRange_AreAccepted()
    {
        using var client = AsanaClient.Create(new AsanaClientOptions { AccessToken = "unused" });
        var options = new AsanaSyncOptions
        {
            MaxParallelism = 1,
            LookbackDays = 1,
            FullSyncInterval = null,
            ProjectlessRescanInterval = TimeSpan.Zero,
            SearchIndexLagMargin = TimeSpan.Zero,
            StoreBatchSize = 1,
            SyncLeaseDuration = TimeSpan.FromSeconds(1),
            SyncLeaseWait = TimeSpan.Zero,
            CommitConflictRetries = 0,
        };

        var act = () => new AsanaSyncEngine(client, new InMemoryPermissionStore(), options);

        act.Should().NotThrow();
    }

    private static void Invalidate(AsanaSyncOptions options, string option)
    {
        switch (option)
        {
            case nameof(AsanaSyncOptions.MaxParallelism): options.MaxParallelism = 0; break;
            case nameof(AsanaSyncOptions.LookbackDays): options.LookbackDays = 0; break;
            case nameof(AsanaSyncOptions.FullSyncInterval): options.FullSyncInterval = TimeSpan.Zero; break;
            case nameof(AsanaSyncOptions.ProjectlessRescanInterval): options.ProjectlessRescanInterval = TimeSpan.FromSeconds(-1); break;
            case nameof(AsanaSyncOptions.SearchIndexLagMargin): options.SearchIndexLagMargin = TimeSpan.FromSeconds(-1); break;
            case nameof(AsanaSyncOptions.StoreBatchSize): options.StoreBatchSize = 0; break;
            case nameof(AsanaSyncOptions.SyncLeaseDuration): options.SyncLeaseDuration = TimeSpan.FromMilliseconds(999); break;
            case nameof(AsanaSyncOptions.SyncLeaseWait): options.SyncLeaseWait = TimeSpan.FromSeconds(-1); break;
            case nameof(AsanaSyncOptions.CommitConflictRetries): options.CommitConflictRetries = -1; break;
            default: throw new ArgumentOutOfRangeException(nameof(option), option, null);
        }
    }

    /// <summary>Registers a client for a small simulated organization, then the sync as given, and runs a full sync.</summary>
    private static async Task<(ServiceProvider Provider, string WorkspaceGid)> SyncThroughAsync(Action<IServiceCollection> addSync)
    {
        var org = SimulatedOrganization.Generate(2, OrganizationShape.Small);
        await using var sim = await SimulatedAsana.StartAsync(org);
        using var client = Harness.Client(sim);
        var services = new ServiceCollection();
        services.AddSingleton<IAsanaClient>(client);
        addSync(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var result = await provider.GetRequiredService<AsanaSyncEngine>().SyncAsync(org.WorkspaceGid, SyncMode.Full);
        result.Tickets.Should().BeGreaterThan(0);
        return (provider, org.WorkspaceGid);
    }

    private static string[] DatabaseFilesInWorkingDirectory() => Directory.GetFiles(Environment.CurrentDirectory, "*.db*");
}
