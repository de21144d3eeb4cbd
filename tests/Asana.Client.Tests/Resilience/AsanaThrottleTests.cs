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

    [Fact]
    public void Constructor_SearchQuota_BurstAndRefillKeepAnyMinuteAtSixty()
    {
        using var throttle = new AsanaThrottle(1500, 50, new FakeTimeProvider());

        throttle.SearchTokenLimit.Should().Be(3);
        var perMinute = throttle.SearchTokensPerPeriod * (TimeSpan.FromMinutes(1) / throttle.SearchRefillPeriod);
        (throttle.SearchTokenLimit + perMinute).Should().BeLessThanOrEqualTo(60.5);
    }

    [Fact]
    public async Task AcquireAsync_SearchBeyondItsBurst_WaitsForSearchRefill_WhileOtherRequestsPass()
    {
        var time = new FakeTimeProvider();
        using var throttle = new AsanaThrottle(1_000_000, 50, time, searchRequestsPerMinute: 60);
        for (var i = 0; i < throttle.SearchTokenLimit; i++)
        {
            (await throttle.AcquireAsync(search: true, CancellationToken.None)).Dispose();
        }

        var pending = throttle.AcquireAsync(search: true, CancellationToken.None).AsTask();
        await Task.Delay(50);
        pending.IsCompleted.Should().BeFalse("the search burst is spent");
        throttle.Concurrency.InFlight.Should().Be(0, "a search waiting for its quota holds no concurrency permit");

        using (var other = await throttle.AcquireAsync(search: false, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)))
        {
            other.IsAcquired.Should().BeTrue("the general quota is untouched by the search quota");
        }

        time.Advance(throttle.SearchRefillPeriod - TimeSpan.FromMilliseconds(10));
        await Task.Delay(50);
        pending.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromMilliseconds(10));
        using var lease = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        lease.IsAcquired.Should().BeTrue();
    }

    [Fact]
    public async Task AcquireAsync_Search_AlsoTakesAGeneralToken()
    {
        var time = new FakeTimeProvider();
        using var throttle = new AsanaThrottle(150, 50, time, searchRequestsPerMinute: 1_000);
        var before = throttle.AvailableTokens;

        (await throttle.AcquireAsync(search: true, CancellationToken.None)).Dispose();

        throttle.AvailableTokens.Should().Be(before - 1);
    }

    [Theory]
    [InlineData("https://app.asana.com/api/1.0/workspaces/1/tasks/search?text=x", true)]
    [InlineData("https://app.asana.com/api/1.0/workspaces/1/projects/search", true)]
    [InlineData("https://app.asana.com/api/1.0/tasks?assignee=1&workspace=2", false)]
    [InlineData("https://app.asana.com/api/1.0/tasks/search-results", false)]
    public void IsSearch_ByPath(string uri, bool expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(uri));
        AsanaThrottle.IsSearch(request).Should().Be(expected);
    }
}
