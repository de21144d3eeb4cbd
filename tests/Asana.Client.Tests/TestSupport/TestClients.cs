using Microsoft.Extensions.Logging;

namespace Asana.Client.Tests.TestSupport;

/// <summary>Clients with short backoff and timeouts so fault tests stay fast.</summary>
internal static class TestClients
{
    public const string Token = "test-token";

    public static AsanaClientOptions FastOptions(Uri baseAddress) => new()
    {
        BaseAddress = baseAddress,
        AccessToken = Token,
        MaxRetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        TotalRequestTimeout = TimeSpan.FromSeconds(20),
        RequestsPerMinute = 600_000,
    };

    public static AsanaClient Create(
        Uri baseAddress,
        Action<AsanaClientOptions>? configure = null,
        ILoggerFactory? loggerFactory = null,
        HttpMessageHandler? innerHandler = null,
        TimeProvider? timeProvider = null)
    {
        var options = FastOptions(baseAddress);
        configure?.Invoke(options);
        return AsanaClient.Create(options, loggerFactory, innerHandler, timeProvider);
    }
}
