using Microsoft.Extensions.Options;

namespace Asana.Client.DependencyInjection;

/// <summary>
/// Validates <see cref="AsanaClientOptions"/> for both construction paths. Messages name the setting, never its value
/// (a value could be the token).
/// </summary>
internal sealed class AsanaClientOptionsValidator(IServiceProvider? services = null) : IValidateOptions<AsanaClientOptions>
{
    public ValidateOptionsResult Validate(string? name, AsanaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tokenFromServices = services?.GetService(typeof(IAsanaTokenProvider)) is not null;
        var failures = Failures(options, tokenFromServices);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static List<string> Failures(AsanaClientOptions options, bool tokenFromServices)
    {
        var failures = new List<string>();
        if (options.BaseAddress is null || !options.BaseAddress.IsAbsoluteUri
            || (options.BaseAddress.Scheme != Uri.UriSchemeHttps && options.BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("AsanaClientOptions.BaseAddress must be an absolute http or https URI.");
        }
        else if (BaseAddressProblem(options.BaseAddress) is { } problem)
        {
            failures.Add(problem);
        }

        if (options.ResolveTokenSource() is null && !tokenFromServices)
        {
            failures.Add("AsanaClientOptions needs AccessToken, AccessTokenProvider or TokenProvider (or an IAsanaTokenProvider service).");
        }

        Range(failures, nameof(options.PageSize), options.PageSize, 1, 100);
        Range(failures, nameof(options.RequestsPerMinute), options.RequestsPerMinute, 1, 1_000_000);
        Range(failures, nameof(options.SearchRequestsPerMinute), options.SearchRequestsPerMinute, 1, 1_000_000);
        Range(failures, nameof(options.MaxConcurrentRequests), options.MaxConcurrentRequests, 1, 10_000);
        Range(failures, nameof(options.MaxRetryAttempts), options.MaxRetryAttempts, 0, 100);
        Positive(failures, nameof(options.TotalRequestTimeout), options.TotalRequestTimeout);
        Positive(failures, nameof(options.AttemptTimeout), options.AttemptTimeout);
        Positive(failures, nameof(options.RetryBaseDelay), options.RetryBaseDelay);
        Positive(failures, nameof(options.MaxRetryDelay), options.MaxRetryDelay);
        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("AsanaClientOptions.MaxRetryAfter must not be negative.");
        }

        if (options.AttemptTimeout > options.TotalRequestTimeout)
        {
            failures.Add("AsanaClientOptions.AttemptTimeout must not exceed TotalRequestTimeout.");
        }

        if (options.MaxRetryDelay < options.RetryBaseDelay)
        {
            failures.Add("AsanaClientOptions.MaxRetryDelay must not be below RetryBaseDelay.");
        }

        return failures;
    }

    /// <summary>The path every Asana API base address ends in.</summary>
    internal const string ApiRoot = "/api/1.0";

    /// <summary>
    /// Why an absolute http(s) base address is not an Asana API root, or null when it is: every request path is relative
    /// to <c>/api/1.0/</c>, so without it each call misses (a 404 that reads as "the workspace does not exist"). Any host
    /// is accepted (a proxy, a loopback simulator). The message shows the address's path only, never its query or user info.
    /// </summary>
    internal static string? BaseAddressProblem(Uri baseAddress)
    {
        if (!baseAddress.IsAbsoluteUri || baseAddress.AbsolutePath.TrimEnd('/').EndsWith(ApiRoot, StringComparison.Ordinal))
        {
            return null;
        }

        return $"AsanaClientOptions.BaseAddress must be Asana's API root, a URI whose path ends in {ApiRoot} (e.g. {AsanaClientOptions.DefaultBaseAddress}), but its path is '{baseAddress.AbsolutePath}'.";
    }

    private static void Range(List<string> failures, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"AsanaClientOptions.{name} must be between {min} and {max}.");
        }
    }

    private static void Positive(List<string> failures, string name, TimeSpan value)
    {
        // Polly's timeout and retry strategies reject zero and above-one-day values themselves; say so up front.
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            failures.Add($"AsanaClientOptions.{name} must be positive and at most one day.");
        }
    }
}
