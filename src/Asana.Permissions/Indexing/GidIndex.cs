using System.Runtime.InteropServices;

namespace Asana.Permissions.Indexing;

/// <summary>
/// Interns gids to dense indices so per-entity data can live in plain arrays. Indices are never reused: a removed
/// entity keeps its slot (as a placeholder), so every index held elsewhere stays valid across updates.
/// </summary>
internal sealed class GidIndex
{
    private readonly Dictionary<string, int> _indexByGid;
    private string[] _gids;

    public GidIndex(int capacity)
    {
        _indexByGid = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _gids = new string[Math.Max(capacity, 4)];
    }

    public int Count { get; private set; }

    /// <summary>The size parallel arrays must have to hold every index handed out so far.</summary>
    public int Capacity => _gids.Length;

    public int Intern(string gid)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_indexByGid, gid, out var exists);
        if (!exists)
        {
            slot = Count;
            if (Count == _gids.Length)
            {
                Array.Resize(ref _gids, _gids.Length * 2);
            }

            _gids[Count++] = gid;
        }

        return slot;
    }

    public int Find(string gid) => _indexByGid.TryGetValue(gid, out var index) ? index : -1;

    public string GidAt(int index) => _gids[index];
}
