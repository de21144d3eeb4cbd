namespace Asana.Sync;

/// <summary>Timing of a <see cref="RefreshQueue"/>.</summary>
public sealed class RefreshQueueOptions
{
    /// <summary>
    /// How long a workspace's first queued scope waits for more to join it before the refresh starts (Asana delivers a
    /// change as several events, often in several deliveries). Default 200 ms.
    /// </summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The first wait before a failed refresh is tried again; it doubles up to <see cref="MaxRetryDelay"/>. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts of a failing refresh. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
