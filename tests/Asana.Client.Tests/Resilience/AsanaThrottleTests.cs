using Asana.Client.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Asana.Client.Tests.Resilience;

public sealed class AsanaThrottleTests
{
    [Fact]
    public void Constructor_PaidPlan_BurstIsFivePercentAndRefillKeepsMinuteUnderQuota()
    {
        using var throttle = new AsanaThrottle(1500, 50, new FakeTimeProvider());

        throttle.TokenLimit.Should().Be(75);
        var perMinute = throttle.TokensPerPeriod * (TimeSpan.FromMinutes(1) / throttle.RefillPeriod);
        (throttle.TokenLimit + perMinute).Should().BeLessThanOrEqualTo(1500.5);
    }

    [Fact]
    public async Task AcquireAsync_BeyondBurst_WaitsForRefill()
    {
        var time = new FakeTimeProvider();
        using var throttle = new AsanaThrottle(150, 50, time);
        for (var i = 0; i < throttle.TokenLimit; i++)
        {
            (await throttle.AcquireAsync(CancellationToken.None)).Dispose();
        }

        var pending = throttle.AcquireAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        pending.IsCompleted.Should().BeFalse("the burst is spent");

        time.Advance(throttle.RefillPeriod);
        using var lease = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        lease.IsAcquired.Should().BeTrue();
    }

    [Fact]
    public async Task AcquireAsync_Paused_WaitsUntilPauseEnds()
    {
        var time = new FakeTimeProvider();
        using var throttle = new AsanaThrottle(1500, 50, time);
        throttle.PauseFor(TimeSpan.FromSeconds(30));

        var pending = throttle.AcquireAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        pending.IsCompleted.Should().BeFalse();

        time.Advance(TimeSpan.FromSeconds(30));
        (await pending.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_ConcurrencyLimit_ReleasedOnLeaseDispose()
    {
        using var throttle = new AsanaThrottle(1500, 1, new FakeTimeProvider());
        var first = await throttle.AcquireAsync(CancellationToken.None);

        var second = throttle.AcquireAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        second.IsCompleted.Should().BeFalse();
        first.Dispose();

        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        throttle.Concurrency.InFlight.Should().Be(0);
    }
}
