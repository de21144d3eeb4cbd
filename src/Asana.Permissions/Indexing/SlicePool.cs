namespace Asana.Permissions.Indexing;

/// <summary>
/// Many small lists of indices, one per key, packed into one shared array (CSR style): no object per list and no
/// doubling garbage. A bulk build reserves every list's exact room up front (<see cref="ReserveAdditional"/>), so
/// the lists lie back to back; later updates write in place, swap-remove, or move a full list to the end of the
/// array with twice the room. Room left behind by moved lists is reclaimed by compaction once it outweighs the
/// live room. Single writer; a span handed out is valid until the next write.
/// </summary>
internal sealed class SlicePool
{
    private const int MinimumRoom = 4;

    private int[] _data;

    // The end of the last list's room in _data, and how much room below it no list owns.
    private int _used;
    private int _garbage;

    private int[] _start = [];
    private int[] _length = [];
    private int[] _room = [];

    public SlicePool(int dataCapacity = 0) => _data = dataCapacity <= 0 ? [] : new int[dataCapacity];

    /// <summary>Keys below this have a (possibly empty) list.</summary>
    public int KeyCapacity => _start.Length;

    public ReadOnlySpan<int> this[int key] => new(_data, _start[key], _length[key]);

    public int Count(int key) => _length[key];

    /// <summary>Makes keys below <paramref name="capacity"/> valid, each with an empty list.</summary>
    public void GrowKeys(int capacity)
    {
        if (_start.Length < capacity)
        {
            Array.Resize(ref _start, capacity);
            Array.Resize(ref _length, capacity);
            Array.Resize(ref _room, capacity);
        }
    }

    /// <summary>Makes sure that <paramref name="count"/> more slots can be handed out without growing the array.</summary>
    public void EnsureFree(int count) => EnsureData(count);

    /// <summary>
    /// Gives each key room for <c>extra[key]</c> more items. Keys that need to move are laid out back to back at the
    /// end with exactly the room they need, so a bulk build that reserves once and then adds wastes nothing.
    /// </summary>
    public void ReserveAdditional(ReadOnlySpan<int> extra)
    {
        var needed = 0L;
        for (var key = 0; key < extra.Length; key++)
        {
            if (extra[key] > 0 && _length[key] + extra[key] > _room[key])
            {
                needed += _length[key] + extra[key];
            }
        }

        if (needed == 0)
        {
            return;
        }

        EnsureData(checked((int)needed));
        for (var key = 0; key < extra.Length; key++)
        {
            if (extra[key] > 0 && _length[key] + extra[key] > _room[key])
            {
                MoveToEnd(key, _length[key] + extra[key], keep: true);
            }
        }
    }

    public void Add(int key, int value)
    {
        var length = _length[key];
        if (length == _room[key])
        {
            Relocate(key, Math.Max(MinimumRoom, length * 2), keep: true);
        }

        _data[_start[key] + length] = value;
        _length[key] = length + 1;
    }

    /// <summary>Removes one occurrence (order is not kept).</summary>
    public bool Remove(int key, int value)
    {
        var items = _data.AsSpan(_start[key], _length[key]);
        var position = items.IndexOf(value);
        if (position < 0)
        {
            return false;
        }

        items[position] = items[^1];
        _length[key]--;
        return true;
    }

    /// <summary>Replaces the list with <paramref name="first"/> followed by <paramref name="second"/>.</summary>
    public void Set(int key, ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        var length = first.Length + second.Length;
        if (length > _room[key])
        {
            Relocate(key, length, keep: false);
        }

        var target = _data.AsSpan(_start[key], length);
        first.CopyTo(target);
        second.CopyTo(target[first.Length..]);
        _length[key] = length;
    }

    /// <summary>Empties the list; its room stays with the key for reuse.</summary>
    public void Clear(int key) => _length[key] = 0;

    private void Relocate(int key, int room, bool keep)
    {
        EnsureData(room);
        MoveToEnd(key, room, keep);
    }

    /// <summary>Moves the list to fresh room at the end; the caller has made sure the room exists.</summary>
    private void MoveToEnd(int key, int room, bool keep)
    {
        var start = _used;
        if (keep)
        {
            Array.Copy(_data, _start[key], _data, start, _length[key]);
        }
        else
        {
            _length[key] = 0;
        }

        _garbage += _room[key];
        _start[key] = start;
        _room[key] = room;
        _used = start + room;
    }

    private void EnsureData(int count)
    {
        if ((long)_used + count <= _data.Length)
        {
            return;
        }

        var live = _used - _garbage;
        var required = (long)live + count;
        if (_garbage >= live && required <= _data.Length)
        {
            Compact(_data.Length);
        }
        else
        {
            // Doubling keeps incremental growth amortized; compaction rides along when the array is copied anyway.
            Compact((int)Math.Min(Array.MaxLength, Math.Max(required, Math.Max(16L, (long)_data.Length * 2))));
        }
    }

    /// <summary>Copies every list, with its room, back to back into a new array of the given size.</summary>
    private void Compact(int size)
    {
        var data = new int[size];
        if (_garbage == 0)
        {
            // Nothing to squeeze out: a plain copy keeps every start.
            Array.Copy(_data, data, _used);
        }
        else
        {
            var next = 0;
            for (var key = 0; key < _start.Length; key++)
            {
                var room = _room[key];
                if (room == 0)
                {
                    continue;
                }

                Array.Copy(_data, _start[key], data, next, _length[key]);
                _start[key] = next;
                next += room;
            }

            _used = next;
            _garbage = 0;
        }

        _data = data;
    }
}
