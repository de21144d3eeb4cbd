using System.CommandLine;
using System.CommandLine.Parsing;
using Asana.Permissions.Console.Cli;
using Asana.Permissions.Console.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Asana.Permissions.Console.Commands;

/// <summary>
/// <c>serve --workspace GID [--base-url URL] [--token T] [--db PATH|URI] --listen http://127.0.0.1:PORT --public-url URL
/// [--sync-interval DURATION] [--webhook-secrets PATH]</c>, each option also from the environment
/// (<see cref="Serve.ServeEnvironment"/>): a long-running host that keeps one workspace in step (webhooks
/// for revocation in seconds, a periodic sync as the backstop) and answers over HTTP. Stops on Ctrl+C or SIGTERM,
/// never in the middle of a commit.
/// </summary>
internal sealed class ServeCommand : Command
{
    private readonly Option<string> _workspace = CliOptions.Workspace("The workspace to keep in sync.", required: true);
    private readonly Option<Uri> _baseUrl = CliOptions.BaseUrl();
    private readonly Option<string> _token = CliOptions.Token();
    private readonly Option<string> _database = CliOptions.Database();
    private readonly Option<Uri> _listen = new("--listen")
    {
        Description = "Where to listen, e.g. http://127.0.0.1:8080.",
        HelpName = "URL",
        Required = true,
        CustomParser = r => HttpUrl(r, "--listen", "http://127.0.0.1:8080", requirePort: true),
    };

    private readonly Option<Uri> _publicUrl = new("--public-url")
    {
        Description = "Where Asana reaches this host (webhooks are registered against it), e.g. https://hooks.example.com.",
        HelpName = "URL",
        Required = true,
        CustomParser = r => HttpUrl(r, "--public-url", "https://hooks.example.com", requirePort: false),
    };

    private readonly Option<TimeSpan> _syncInterval = new("--sync-interval")
    {
        Description = "Time between backstop syncs (webhooks are delivered at most once): 30s, 15m, 2h. Default 15m.",
        HelpName = "DURATION",
        DefaultValueFactory = _ => TimeSpan.FromMinutes(15),
        CustomParser = ParseInterval,
    };

    private readonly Option<string> _secrets = new("--webhook-secrets")
    {
        Description = "The SQLite file that keeps each webhook's secret across restarts (default: next to a SQLite --db, else asana-webhooks.db).",
        HelpName = "PATH",
    };

    private readonly Option<int> _requestsPerMinute = CliOptions.RequestsPerMinute();
    private readonly Option<bool> _verbose = CliOptions.Verbose();
    private readonly CliContext _context;

    public ServeCommand(CliContext context)
        : base("serve", "Keep one workspace in sync (webhooks + periodic sync) and answer /v1/check, /v1/visible, /v1/explain, /v1/search and /healthz over HTTP.")
    {
        _context = context;
        Add(_workspace);
        Add(_baseUrl);
        Add(_token);
        Add(_database);
        Add(_listen);
        Add(_publicUrl);
        Add(_syncInterval);
        Add(_secrets);
        Add(_requestsPerMinute);
        Add(_verbose);
        SetAction(RunAsync);
    }

    /// <summary>Builds the host from a parsed command line (tests start it in-process).</summary>
    internal ServeSettings Settings(ParseResult parseResult)
    {
        var token = parseResult.GetValue(_token) ?? _context.Environment(Defaults.TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new UsageException($"serve needs an access token: pass --token or set {Defaults.TokenVariable}");
        }

        _context.Scrubber.Add(token);
        var store = StoreLocation.Parse(parseResult.GetRequiredValue(_database));
        var secrets = parseResult.GetValue(_secrets) is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : store.Path is { } db ? db + ".webhooks" : Path.GetFullPath("asana-webhooks.db");
        return new ServeSettings(
            parseResult.GetRequiredValue(_workspace),
            parseResult.GetRequiredValue(_baseUrl),
            token,
            store,
            parseResult.GetRequiredValue(_listen),
            parseResult.GetRequiredValue(_publicUrl),
            parseResult.GetValue(_syncInterval),
            secrets,
            parseResult.GetValue(_requestsPerMinute),
            parseResult.GetValue(_verbose));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var settings = Settings(parseResult);
        await using var app = ServeHost.Build(settings, _context);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new CliException($"cannot listen on {settings.Listen}: {ex.Message}");
        }

        _context.Err.Line($"serving workspace {settings.WorkspaceGid} on {settings.Listen} (store {settings.Store.Description}); Asana calls {settings.PublicUrl}");
        // Returns once stopped (Ctrl+C, SIGTERM or the token): a running sync or refresh was cancelled and committed nothing.
        await app.WaitForShutdownAsync(cancellationToken);
        _context.Err.Line("stopped");
        return ExitCodes.Success;
    }

    /// <summary>A whole number of seconds, minutes or hours (<c>30s</c>, <c>15m</c>, <c>2h</c>), from 5 s to 24 h.</summary>
    private static TimeSpan ParseInterval(ArgumentResult result)
    {
        var text = CliOptions.Value(result);
        if (text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            var interval = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                _ => TimeSpan.Zero,
            };
            if (interval >= TimeSpan.FromSeconds(5) && interval <= TimeSpan.FromHours(24))
            {
                return interval;
            }
        }

        result.AddError("--sync-interval must be a duration from 5s to 24h, e.g. 30s, 15m or 2h");
        return TimeSpan.Zero;
    }

    private static Uri? HttpUrl(ArgumentResult result, string name, string example, bool requirePort)
    {
        if (!Uri.TryCreate(CliOptions.Value(result), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(url.Query) || (requirePort && url.IsDefaultPort && !CliOptions.Value(result).Contains(":" + url.Port, StringComparison.Ordinal)))
        {
            result.AddError($"{name} must be an absolute http(s) URL{(requirePort ? " with a port" : string.Empty)} and no query, e.g. {example}");
            return null;
        }

        return url;
    }
}
