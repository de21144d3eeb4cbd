using Asana.Client.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Asana.Client.Tests.Resilience;

public sealed class AdaptiveConcurrencyLimiterTests
{
    [Fact]
    public void Reduce_BurstOf429s_HalvesOncePerQuietPeriod()
    {
        var time = new FakeTimeProvider();
        var limiter = new AdaptiveConcurrencyLimiter(50, time);

        limiter.Reduce().Should().Be(25);
        limiter.Reduce().Should().BeNull();
        time.Advance(AdaptiveConcurrencyLimiter.ReductionQuietPeriod);
        limiter.Reduce().Should().Be(12);
    }

    [Fact]
    public async Task Release_AfterRecoveryDelay_GrowsBackOnePermitPerStep()
    {
        var time = new FakeTimeProvider();
        var limiter = new AdaptiveConcurrencyLimiter(4, time);
        limiter.Reduce().Should().Be(2);

        await limiter.AcquireAsync(CancellationToken.None);
        limiter.Release();
        limiter.CurrentLimit.Should().Be(2, "still within the recovery delay");

        time.Advance(AdaptiveConcurrencyLimiter.RecoveryDelay);
        await limiter.AcquireAsync(CancellationToken.None);
        limiter.Release();
        limiter.CurrentLimit.Should().Be(3);
    }

    [Fact]
    public async Task AcquireAsync_AtLimit_QueuesFifoAndCancels()
    {
        var limiter = new AdaptiveConcurrencyLimiter(1, new FakeTimeProvider());
        await limiter.AcquireAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var cancelled = limiter.AcquireAsync(cts.Token).AsTask();
        var waiting = limiter.AcquireAsync(CancellationToken.None).AsTask();
        await cts.CancelAsync();

        await FluentActions.Awaiting(() => cancelled).Should().ThrowAsync<OperationCanceledException>();
        waiting.IsCompleted.Should().BeFalse();
        limiter.Release();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        limiter.InFlight.Should().Be(1);
    }
}
