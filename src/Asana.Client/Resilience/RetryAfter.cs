namespace Asana.Client.Resilience;

/// <summary>Reads <c>Retry-After</c> (delta seconds, or an HTTP date measured against the injected clock).</summary>
internal static class RetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? null : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
