using System.Net;
using Asana.Client;
using Asana.Client.Models;
using Asana.Sync.Internal;

namespace Asana.Sync.Tests.Internal;

/// <summary>How the sync reads a listing: one counted request per page, and a restart from page 1 on an expired offset.</summary>
public sealed class ApiCallsTests
{
    [Fact]
    public async Task ListAsync_ThreePages_CountsOneRequestPerPage()
    {
        var sent = new List<string?>();
        var calls = new ApiCalls(() => { });

        var items = await calls.ListAsync("users", Pages(sent, ("a", "p2"), ("b", "p3"), ("c", null)), CancellationToken.None);

        items.Should().Equal("a", "b", "c");
        sent.Should().Equal(null, "p2", "p3");
        var counts = calls.Snapshot();
        counts.Total.Should().Be(3);
        counts.Pages.Should().Be(3);
        counts.ByKind["users"].Should().Be(3);
        counts.Failed.Should().Be(0);
    }

    [Fact]
    public async Task ListAsync_ExpiredOffset_RestartsFromThePageOne_AndCountsEveryRequest()
    {
        var sent = new List<string?>();
        var expiredOnce = true;
        var pageable = new AsanaPageable<string>((offset, _, _) =>
        {
            sent.Add(offset);
            if (offset == "p2" && expiredOnce)
            {
                expiredOnce = false;
                throw new AsanaApiException(HttpStatusCode.BadRequest, [new AsanaError("offset: Your pagination token has expired.")], "/users", isOffsetExpired: true);
            }

            return Task.FromResult(offset is null ? new AsanaPage<string>(["a"], "p2") : new AsanaPage<string>(["b"], null));
        });
        var calls = new ApiCalls(() => { });

        var items = await calls.ListAsync("users", pageable, CancellationToken.None);

        items.Should().Equal("a", "b");
        sent.Should().Equal(null, "p2", null, "p2");
        calls.Snapshot().Total.Should().Be(4);
        calls.Snapshot().Failed.Should().Be(1);
    }

    [Fact]
    public async Task ListAsync_OtherError_Surfaces()
    {
        var pageable = new AsanaPageable<string>((_, _, _) =>
            throw new AsanaApiException(HttpStatusCode.Forbidden, [new AsanaError("Forbidden")], "/projects/1/tasks"));
        var calls = new ApiCalls(() => { });

        var act = () => calls.ListAsync("project_tasks", pageable, CancellationToken.None);

        (await act.Should().ThrowAsync<AsanaApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        calls.Snapshot().Failed.Should().Be(1);
    }

    private static AsanaPageable<string> Pages(List<string?> sent, params (string Item, string? Next)[] pages) =>
        new((offset, _, _) =>
        {
            sent.Add(offset);
            var index = sent.Count - 1;
            return Task.FromResult(new AsanaPage<string>([pages[index].Item], pages[index].Next));
        });
}
