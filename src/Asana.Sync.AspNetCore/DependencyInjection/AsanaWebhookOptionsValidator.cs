using Microsoft.Extensions.Options;

namespace Asana.Sync.AspNetCore;

/// <summary>Checks <see cref="AsanaWebhookOptions"/> at start-up (no reflection: trim safe).</summary>
internal sealed class AsanaWebhookOptionsValidator : IValidateOptions<AsanaWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, AsanaWebhookOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RoutePrefix) || !options.RoutePrefix.StartsWith('/') || options.RoutePrefix.Contains('{', StringComparison.Ordinal))
        {
            failures.Add("RoutePrefix must be a literal path starting with '/'.");
        }

        if (options.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add("MaxBodyBytes must be between 1 KiB and 64 MiB.");
        }

        if (options.ReplayWindow <= TimeSpan.Zero)
        {
            failures.Add("ReplayWindow must be positive.");
        }

        if (options.HandshakeWindow <= TimeSpan.Zero)
        {
            failures.Add("HandshakeWindow must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
