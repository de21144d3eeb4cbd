using System.Numerics;

namespace Asana.Permissions.Indexing;

/// <summary>A growable set of small non-negative integers; membership is one shift and one mask.</summary>
internal sealed class BitSet
{
    private ulong[] _words;

    public BitSet(int capacityBits) => _words = new ulong[Math.Max(1, (capacityBits + 63) >> 6)];

    public bool Contains(int value)
    {
        var word = value >> 6;
        return (uint)word < (uint)_words.Length && (_words[word] & (1UL << value)) != 0;
    }

    public void Add(int value)
    {
        var word = value >> 6;
        if (word >= _words.Length)
        {
            Array.Resize(ref _words, Math.Max(word + 1, _words.Length * 2));
        }

        _words[word] |= 1UL << value;
    }

    public void Remove(int value)
    {
        var word = value >> 6;
        if (word < _words.Length)
        {
            _words[word] &= ~(1UL << value);
        }
    }

    /// <summary>Adds the value; true when it was not there yet.</summary>
    public bool TryAdd(int value)
    {
        if (Contains(value))
        {
            return false;
        }

        Add(value);
        return true;
    }

    public void Set(int value, bool present)
    {
        if (present)
        {
            Add(value);
        }
        else
        {
            Remove(value);
        }
    }

    public void UnionWith(BitSet other)
    {
        if (other._words.Length > _words.Length)
        {
            Array.Resize(ref _words, other._words.Length);
        }

        for (var i = 0; i < other._words.Length; i++)
        {
            _words[i] |= other._words[i];
        }
    }

    /// <summary>Appends every member, ascending, to <paramref name="target"/>.</summary>
    public void CopyTo(List<int> target)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            var word = _words[i];
            while (word != 0)
            {
                target.Add((i << 6) + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }
    }
}
