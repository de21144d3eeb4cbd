using Asana.Client.Models;

namespace Asana.Client.Tests;

/// <summary>The pageable on its own: items to the end, pages from an offset, laziness, cancellation and the offset guard.</summary>
public sealed class AsanaPageableTests
{
    [Fact]
    public async Task Enumerate_FollowsOffsetsToTheEnd()
    {
        var sent = new List<string?>();

        var items = await Pageable(sent).ToListAsync();

        items.Should().Equal(1, 2, 3, 4, 5);
        sent.Should().Equal(null, "2", "4");
    }

    [Fact]
    public async Task AsPages_FromAnOffsetWithAPageSize_StartsThereAndPassesTheSize()
    {
        var sent = new List<string?>();
        var sizes = new List<int?>();

        var pages = await Pageable(sent, sizes).AsPages("2", pageSizeHint: 7).ToListAsync();

        pages.Select(p => p.NextOffset).Should().Equal("4", null);
        pages.SelectMany(p => p.Items).Should().Equal(3, 4, 5);
        sent.Should().Equal("2", "4");
        sizes.Should().Equal(7, 7);
    }

    [Fact]
    public async Task AsPages_EmptyOffset_StartsAtTheFirstPage()
    {
        var sent = new List<string?>();

        await Pageable(sent).AsPages(string.Empty).FirstAsync();

        sent.Should().Equal([null]);
    }

    [Fact]
    public void Created_NotEnumerated_FetchesNothing()
    {
        var sent = new List<string?>();

        _ = Pageable(sent).AsPages("2");

        sent.Should().BeEmpty();
    }

    [Fact]
    public async Task SameOffsetReturned_Throws()
    {
        var pageable = new AsanaPageable<int>((offset, _, _) => Task.FromResult(new AsanaPage<int>([1], offset ?? "x")));

        var act = async () => await pageable.ToListAsync();

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.Message.Should().Contain("same next_page offset");
    }

    [Fact]
    public async Task TokenGivenAtCreation_CancelsEnumeration()
    {
        using var cts = new CancellationTokenSource();
        var pageable = new AsanaPageable<int>(
            (_, _, ct) =>
            {
                ct.ThrowIfCancellationRequested();
                return Task.FromResult(new AsanaPage<int>([1], "more"));
            },
            cts.Token);
        await cts.CancelAsync();

        var act = async () => await pageable.ToListAsync();

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task TokenGivenAtEnumeration_ReachesTheFetch()
    {
        using var cts = new CancellationTokenSource();
        var seen = CancellationToken.None;
        var pageable = new AsanaPageable<int>((_, _, ct) =>
        {
            seen = ct;
            return Task.FromResult(new AsanaPage<int>([1], null));
        });

        await foreach (var _ in pageable.AsPages().WithCancellation(cts.Token))
        {
            break;
        }

        await cts.CancelAsync();

        seen.IsCancellationRequested.Should().BeTrue();
    }

    private static AsanaPageable<int> Pageable(List<string?> sent, List<int?>? sizes = null) =>
        new((offset, pageSize, _) =>
        {
            sent.Add(offset);
            sizes?.Add(pageSize);
            return Task.FromResult(offset switch
            {
                null => new AsanaPage<int>([1, 2], "2"),
                "2" => new AsanaPage<int>([3, 4], "4"),
                _ => new AsanaPage<int>([5], null),
            });
        });
}
