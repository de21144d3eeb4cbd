using Microsoft.Extensions.Options;

namespace Asana.Sync.DependencyInjection;

/// <summary>
/// Validates <see cref="AsanaSyncOptions"/> for both construction paths: <c>AddAsanaSync</c> (at startup with a host's
/// <c>ValidateOnStart</c>, otherwise when the engine is first resolved) and the <see cref="AsanaSyncEngine"/>
/// constructor. Each message names the option and what it must be.
/// </summary>
internal sealed class AsanaSyncOptionsValidator : IValidateOptions<AsanaSyncOptions>
{
    /// <summary>The longest lease, lease wait or search margin accepted: far longer ones would overflow timers and clocks.</summary>
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    /// <summary>One hundred years: any longer lookback would move the window's start before year 1.</summary>
    internal const int MaxLookbackDays = 36_500;

    public ValidateOptionsResult Validate(string? name, AsanaSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every invalid option.</summary>
    internal static void ThrowIfInvalid(AsanaSyncOptions options)
    {
        var failures = Failures(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(AsanaSyncOptions), failures);
        }
    }

    internal static List<string> Failures(AsanaSyncOptions options)
    {
        var failures = new List<string>();
        Range(failures, nameof(options.MaxParallelism), options.MaxParallelism, 1, 1_000);
        if (options.LookbackDays is { } days)
        {
            Range(failures, nameof(options.LookbackDays), days, 1, MaxLookbackDays, " (or null for everything)");
        }

        if (options.FullSyncInterval is { } interval && interval <= TimeSpan.Zero)
        {
            failures.Add("AsanaSyncOptions.FullSyncInterval must be positive (or null for never).");
        }

        if (options.ProjectlessRescanInterval < TimeSpan.Zero)
        {
            failures.Add("AsanaSyncOptions.ProjectlessRescanInterval must be zero or more.");
        }

        UpToOneDay(failures, nameof(options.SearchIndexLagMargin), options.SearchIndexLagMargin);
        Range(failures, nameof(options.StoreBatchSize), options.StoreBatchSize, 1, 1_000_000);
        // The lease is renewed every third of its duration: under a second, renewals would flood the store.
        if (options.SyncLeaseDuration < TimeSpan.FromSeconds(1) || options.SyncLeaseDuration > OneDay)
        {
            failures.Add("AsanaSyncOptions.SyncLeaseDuration must be between 1 second and one day.");
        }

        UpToOneDay(failures, nameof(options.SyncLeaseWait), options.SyncLeaseWait);
        Range(failures, nameof(options.CommitConflictRetries), options.CommitConflictRetries, 0, 100);
        return failures;
    }

    private static void Range(List<string> failures, string name, int value, int min, int max, string suffix = "")
    {
        if (value < min || value > max)
        {
            failures.Add($"AsanaSyncOptions.{name} must be between {min} and {max}{suffix}.");
        }
    }

    private static void UpToOneDay(List<string> failures, string name, TimeSpan value)
    {
        if (value < TimeSpan.Zero || value > OneDay)
        {
            failures.Add($"AsanaSyncOptions.{name} must be between zero and one day.");
        }
    }
}
