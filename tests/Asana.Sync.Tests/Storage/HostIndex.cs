using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Storage;

/// <summary>
/// What a host's search index does with the change feed, as the README shows: a map of (kind, gid) to model and
/// tokens, kept in step by reading pages from its saved cursor and applying each change.
/// </summary>
internal sealed class HostIndex
{
    private readonly Dictionary<(ChangeKind Kind, string Gid), IndexedObject> _objects = [];

    public string? Cursor { get; private set; }

    public IReadOnlyDictionary<(ChangeKind Kind, string Gid), IndexedObject> Objects => _objects;

    /// <summary>Reads and applies pages until the feed has no more; returns the changes applied.</summary>
    public async Task<List<ObjectChange>> CatchUpAsync(IPermissionChangeFeed feed, string workspaceGid, int limit)
    {
        var applied = new List<ObjectChange>();
        ChangePage page;
        do
        {
            page = await feed.GetChangesAsync(workspaceGid, Cursor, limit);
            page.Changes.Count.Should().BeLessThanOrEqualTo(limit);
            if (page.HasMore)
            {
                page.Changes.Should().HaveCount(limit, "a page is short only at the end");
            }

            foreach (var change in page.Changes)
            {
                if (change.Deleted)
                {
                    _objects.Remove((change.Kind, change.Gid));
                }
                else
                {
                    _objects[(change.Kind, change.Gid)] = new IndexedObject(change.ModelJson!, change.PrincipalTokens);
                }
            }

            applied.AddRange(page.Changes);
            Cursor = page.NextCursor;
        }
        while (page.HasMore);

        return applied;
    }
}

/// <summary>One object in <see cref="HostIndex"/>.</summary>
internal sealed record IndexedObject(string ModelJson, IReadOnlyList<string> PrincipalTokens);
