using System.Net;
using Asana.Client.Http;
using Asana.Client.Logging;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace Asana.Client.Resilience;

/// <summary>
/// The one resilience pipeline, used by the DI and the plain construction paths alike. Outer to inner:
/// total timeout → retry → throttle (pause gate, search quota for search requests, concurrency, per-minute quota) → attempt timeout. The throttle sits
/// inside the retry so every attempt is paced and counted, as Asana counts it; waiting out a backoff holds no permit.
/// </summary>
internal static class AsanaResiliencePipeline
{
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        AsanaClientOptions options,
        AsanaThrottle throttle,
        ILogger logger,
        TimeProvider timeProvider)
    {
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "TotalRequestTimeout", Timeout = options.TotalRequestTimeout });

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "Retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, logger, timeProvider)),
                DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome, timeProvider)),
                OnRetry = args =>
                {
                    OnRetry(args, throttle, logger, timeProvider);
                    return default;
                },
            });
        }

        builder.AddRateLimiter(new RateLimiterStrategyOptions
        {
            Name = "Throttle",
            RateLimiter = args => throttle.AcquireAsync(AsanaThrottle.IsSearch(args.Context.GetRequestMessage()), args.Context.CancellationToken),
        });

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = options.AttemptTimeout });
    }

    internal static bool ShouldRetry(
        Outcome<HttpResponseMessage> outcome,
        ResilienceContext context,
        AsanaClientOptions options,
        ILogger logger,
        TimeProvider timeProvider)
    {
        var request = context.GetRequestMessage();

        // Only idempotent reads are retried: a repeated write could apply twice.
        if (request is not null && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or IOException or TimeoutRejectedException or InvalidResponseBodyException;
        }

        var response = outcome.Result;
        if (response is null)
        {
            return false;
        }

        switch (response.StatusCode)
        {
            case HttpStatusCode.RequestTimeout:
            case HttpStatusCode.InternalServerError:
            case HttpStatusCode.BadGateway:
            case HttpStatusCode.GatewayTimeout:
                return true;
            case HttpStatusCode.TooManyRequests:
            case HttpStatusCode.ServiceUnavailable:
                // Both may carry a Retry-After, which wins over the backoff (ServerDelay): cap it the same way.
                var retryAfter = RetryAfter.Read(response, timeProvider);
                if (retryAfter > options.MaxRetryAfter)
                {
                    // Waiting less than asked would only earn another 429 (rejected requests count against the quota).
                    Log.RetryAfterTooLong(logger, request?.RequestUri?.AbsolutePath, retryAfter.Value.TotalSeconds, options.MaxRetryAfter.TotalSeconds);
                    return false;
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Retry-After wins over the backoff for 429 and 503; null means "use the exponential backoff".</summary>
    internal static TimeSpan? ServerDelay(Outcome<HttpResponseMessage> outcome, TimeProvider timeProvider) =>
        outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response
            ? RetryAfter.Read(response, timeProvider)
            : null;

    private static void OnRetry(OnRetryArguments<HttpResponseMessage> args, AsanaThrottle throttle, ILogger logger, TimeProvider timeProvider)
    {
        var request = args.Context.GetRequestMessage();
        var path = request?.RequestUri?.AbsolutePath;
        throttle.RecordRetry(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests);
        string outcome;
        if (args.Outcome.Result is { } response)
        {
            outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            // The throttle has already paused or lowered concurrency when the 429 passed the buffering handler.
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                if (RetryAfter.Read(response, timeProvider) is { } retryAfter)
                {
                    Log.RateLimited(logger, path, retryAfter.TotalSeconds);
                }
                else if (request is not null && request.Options.TryGetValue(AsanaResponseBufferingHandler.LoweredConcurrency, out var limit))
                {
                    Log.ConcurrencyLowered(logger, path, limit);
                }
            }
        }
        else
        {
            outcome = args.Outcome.Exception?.GetType().Name ?? "an unknown failure";
        }

        Log.Retrying(logger, request?.Method.Method ?? "GET", path, outcome, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
    }
}
