using Asana.Permissions.Console.Cli;
using Asana.Permissions.Console.Output;
using Asana.Sync.AspNetCore;
using Asana.Sync.AspNetCore.Storage;
using Asana.Sync.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Asana.Permissions.Console.Serve;

/// <summary>
/// Builds the long-running host of <c>serve</c>: Kestrel on the listen address with the webhook endpoint and the JSON
/// API, the backstop sync, and the refresh queue that turns webhook events into targeted refreshes.
/// </summary>
internal static class ServeHost
{
    public static WebApplication Build(ServeSettings settings, CliContext context, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(ServeHost).Assembly.GetName().Name });
        builder.WebHost.UseUrls(settings.Listen.GetLeftPart(UriPartial.Authority));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new HumanWriterLoggerProvider(context.Err))
            .SetMinimumLevel(settings.Verbose ? LogLevel.Information : LogLevel.Warning)
            .AddFilter("Polly", LogLevel.None)
            .AddFilter("System.Net.Http", LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting.Lifetime", settings.Verbose ? LogLevel.Information : LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<ServeStatus>();
        services.AddAsanaClient(options =>
        {
            options.BaseAddress = settings.BaseAddress;
            options.AccessToken = settings.Token;
            options.RequestsPerMinute = settings.RequestsPerMinute;
        });
        // A backstop sync waits for a refresh that holds the workspace, rather than skipping its turn.
        if (settings.Store.ConnectionString is { } connectionString)
        {
            services.AddAsanaSyncPostgreSql(connectionString, options => options.SyncLeaseWait = TimeSpan.FromMinutes(2));
        }
        else
        {
            services.AddAsanaSync(settings.Store.Path!, options => options.SyncLeaseWait = TimeSpan.FromMinutes(2));
        }

        services.AddSingleton<IWebhookSecretStore>(new SqliteWebhookSecretStore(settings.WebhookSecretsPath));
        services.AddAsanaWebhooks();
        services.AddAsanaWebhookRefresh();
        services.AddHostedService<BackstopSync>();
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        configure?.Invoke(services);

        var app = builder.Build();
        app.MapAsanaWebhooks();
        ApiEndpoints.Map(app, settings);
        return app;
    }
}
