namespace Asana.Permissions.Indexing;

/// <summary>
/// A small unordered set of indices stored inline in an array of bags (no object per empty bag). Mutated through
/// <c>ref</c> access to the array element.
/// </summary>
internal struct IntBag
{
    private int[]? _items;
    private int _count;

    public readonly int Count => _count;

    public readonly ReadOnlySpan<int> Items => _items is null ? default : _items.AsSpan(0, _count);

    /// <summary>Sizes the storage exactly, so a bulk build wastes nothing on doubling.</summary>
    public void Reserve(int capacity)
    {
        if (capacity > 0 && (_items is null || _items.Length < capacity))
        {
            Array.Resize(ref _items, capacity);
        }
    }

    public void Add(int value)
    {
        if (_items is null)
        {
            _items = new int[4];
        }
        else if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = value;
    }

    public void AddDistinct(int value)
    {
        if (!Contains(value))
        {
            Add(value);
        }
    }

    public readonly bool Contains(int value) => Items.Contains(value);

    /// <summary>Removes one occurrence (order is not kept).</summary>
    public bool Remove(int value)
    {
        var position = Items.IndexOf(value);
        if (position < 0)
        {
            return false;
        }

        _items![position] = _items[--_count];
        return true;
    }

    public void Clear()
    {
        _items = null;
        _count = 0;
    }
}
