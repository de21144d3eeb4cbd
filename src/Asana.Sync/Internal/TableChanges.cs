namespace Asana.Sync.Internal;

/// <summary>
/// What one kind of row gets in a commit: the rows to write and the stored rows to delete, each in ordinal order of gid.
/// A row is left alone only when the store holds it with the very fingerprint it has now; one that is new, changed, or
/// stored without a fingerprint is written.
/// </summary>
/// <typeparam name="TEntry">The store entry.</typeparam>
internal sealed class TableChanges<TEntry>
    where TEntry : class
{
    private readonly IReadOnlyDictionary<string, string>? _stored;
    private readonly Func<TEntry, string, TEntry> _withFingerprint;
    private readonly HashSet<string> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TEntry> _changed = new(StringComparer.Ordinal);

    /// <param name="stored">Gid → stored fingerprint; null when the store was cleared (a full sync writes every row).</param>
    /// <param name="withFingerprint">The entry with its fingerprint set, as written.</param>
    public TableChanges(IReadOnlyDictionary<string, string>? stored, Func<TEntry, string, TEntry> withFingerprint)
    {
        _stored = stored;
        _withFingerprint = withFingerprint;
    }

    /// <summary>The rows to write, in ordinal order of gid (after <see cref="Complete"/>).</summary>
    public List<TEntry> Upserts { get; private set; } = [];

    /// <summary>The gids to delete, in ordinal order (after <see cref="Complete"/>).</summary>
    public List<string> Deletes { get; private set; } = [];

    /// <summary>The fingerprint stored with the row, if any.</summary>
    public string? Stored(string gid) => _stored?.GetValueOrDefault(gid);

    /// <summary>Notes a current row; a later row with the same gid replaces an earlier one.</summary>
    public void Add(string gid, TEntry entry, string fingerprint)
    {
        _current.Add(gid);
        if (_stored is not null && _stored.TryGetValue(gid, out var stored) && string.Equals(stored, fingerprint, StringComparison.Ordinal))
        {
            _changed.Remove(gid);
        }
        else
        {
            _changed[gid] = _withFingerprint(entry, fingerprint);
        }
    }

    /// <summary>Orders the rows to write and finds the stored rows that are no longer current.</summary>
    /// <param name="storedGids">The gids of the stored rows (with or without a fingerprint).</param>
    public void Complete(IEnumerable<string> storedGids)
    {
        Upserts = _changed.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToList();
        var gone = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gid in _stored is null ? storedGids : storedGids.Concat(_stored.Keys))
        {
            if (!_current.Contains(gid))
            {
                gone.Add(gid);
            }
        }

        Deletes = gone.Order(StringComparer.Ordinal).ToList();
    }
}
