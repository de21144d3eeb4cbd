using System.Net;
using System.Runtime.CompilerServices;
using Asana.Client.Models;

namespace Asana.Client;

/// <summary>
/// A paged Asana list, in the style of Azure's <c>AsyncPageable&lt;T&gt;</c>. Enumerating it yields every item,
/// following <c>next_page.offset</c> to the end; <see cref="AsPages"/> yields whole pages from a given offset, so a
/// caller can checkpoint <see cref="AsanaPage{T}.NextOffset"/> and resume. Lazy: nothing is sent until it is
/// enumerated, and each enumeration starts afresh. Each page is one request.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <example>
/// <code>
/// await foreach (var user in client.GetUsersAsync(workspaceGid)) { ... }
///
/// await foreach (var page in client.GetUsersAsync(workspaceGid).AsPages(savedOffset))
/// {
///     Handle(page.Items);
///     savedOffset = page.NextOffset; // null after the last page
/// }
/// </code>
/// </example>
public sealed class AsanaPageable<T> : IAsyncEnumerable<T>
{
    private readonly Func<string?, int?, CancellationToken, Task<AsanaPage<T>>> _fetchPageAsync;
    private readonly string? _resource;
    private readonly CancellationToken _cancellationToken;

    /// <summary>
    /// Creates a pageable over a page function: for fakes of <see cref="IAsanaClient"/> and tests of code that consumes it.
    /// </summary>
    /// <param name="fetchPageAsync">
    /// Fetches one page: the offset (null for the first page), the page size hint (null for the source's default) and
    /// the cancellation token.
    /// </param>
    /// <param name="cancellationToken">Cancels every enumeration, on top of the token given when enumerating.</param>
    public AsanaPageable(Func<string?, int?, CancellationToken, Task<AsanaPage<T>>> fetchPageAsync, CancellationToken cancellationToken = default)
        : this(resource: null, fetchPageAsync, cancellationToken)
    {
    }

    internal AsanaPageable(string? resource, Func<string?, int?, CancellationToken, Task<AsanaPage<T>>> fetchPageAsync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetchPageAsync);
        _resource = resource;
        _fetchPageAsync = fetchPageAsync;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The list page by page, starting at <paramref name="continuationOffset"/>: each page carries the offset of the
    /// next one, or null on the last. Offsets expire after some minutes; resuming with an expired one fails with
    /// <see cref="AsanaApiException.IsOffsetExpired"/> set, and the caller restarts from the first page.
    /// </summary>
    /// <param name="continuationOffset">An offset from an earlier page's <see cref="AsanaPage{T}.NextOffset"/>, or null for the first page.</param>
    /// <param name="pageSizeHint">Items per page, 1 to 100 (Asana's <c>limit</c>); null for the client's <see cref="AsanaClientOptions.PageSize"/>.</param>
    /// <returns>The pages, lazily: nothing is sent until enumeration.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSizeHint"/> is outside 1 to 100.</exception>
    public IAsyncEnumerable<AsanaPage<T>> AsPages(string? continuationOffset = null, int? pageSizeHint = null)
    {
        if (pageSizeHint is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(pageSizeHint));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 100, nameof(pageSizeHint));
        }

        return PagesAsync(string.IsNullOrEmpty(continuationOffset) ? null : continuationOffset, pageSizeHint, default);
    }

    /// <summary>Enumerates every item, from the first page to the last.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The item enumerator.</returns>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ItemsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerable<T> ItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in PagesAsync(null, null, cancellationToken))
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }
        }
    }

    private async IAsyncEnumerable<AsanaPage<T>> PagesAsync(string? offset, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = _cancellationToken.CanBeCanceled && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken)
            : null;
        var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : _cancellationToken);
        do
        {
            var page = await _fetchPageAsync(offset, pageSize, token);
            if (page.NextOffset is not null && page.NextOffset == offset)
            {
                // A server handing back the offset it was given would otherwise page forever.
                throw new AsanaApiException(
                    HttpStatusCode.OK,
                    [new AsanaError("Asana returned the same next_page offset it was given; paging stopped.")],
                    _resource);
            }

            yield return page;
            offset = page.NextOffset;
        }
        while (offset is not null);
    }
}
