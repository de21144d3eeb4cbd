using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Asana.Sync.Internal;

/// <summary>
/// Hashes a sequence of values into a short fingerprint (<see cref="Version"/>, then the first 16 bytes of a SHA-256 in
/// hex). Every value goes in with a type tag and every string and list with its length, so two different sequences
/// never write the same bytes (<c>["ab", "c"]</c> and <c>["a", "bc"]</c>, <c>null</c> and <c>""</c>). One instance
/// reuses its buffer and its hash from row to row; it is not thread-safe.
/// </summary>
internal sealed class FingerprintBuilder : IDisposable
{
    /// <summary>
    /// Leads every fingerprint. Bump it whenever what a row holds, or how it is fingerprinted, changes: every stored
    /// fingerprint then differs from the new ones and the next sync rewrites every row.
    /// </summary>
    public const string Version = "v2";

    /// <summary>A tag, then a length or a number in 4 bytes.</summary>
    private const int Header = 5;

    private const byte NullTag = 0;
    private const byte Utf8Tag = 1;
    private const byte FalseTag = 2;
    private const byte TrueTag = 3;
    private const byte IntTag = 4;
    private const byte TimeTag = 5;
    private const byte ListTag = 6;
    private const byte Utf16Tag = 7;

    /// <summary>Throws on an unpaired surrogate instead of writing U+FFFD for it (which would make two strings meet).</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    // One hash reused for every row: a one-shot SHA256.HashData sets up and tears down its state on each call.
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Adds a string (or null, which differs from every string).</summary>
    public FingerprintBuilder Add(string? value)
    {
        if (value is null)
        {
            return AddTag(NullTag);
        }

        // UTF-8 (mostly ASCII gids: half the bytes of UTF-16 to hash), after a tag and the byte count.
        var span = _buffer.GetSpan(Header + StrictUtf8.GetMaxByteCount(value.Length));
        int written;
        try
        {
            written = StrictUtf8.GetBytes(value, span[Header..]);
        }
        catch (EncoderFallbackException)
        {
            // An unpaired surrogate has no UTF-8 form: the UTF-16 code units as they are, under their own tag, so two
            // such strings never meet, nor one of them and a valid string.
            return AddUtf16(value);
        }

        span[0] = Utf8Tag;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], written);
        _buffer.Advance(Header + written);
        return this;
    }

    /// <summary>Adds a flag.</summary>
    public FingerprintBuilder Add(bool value) => AddTag(value ? TrueTag : FalseTag);

    /// <summary>Adds a number (enums go in as their value).</summary>
    public FingerprintBuilder Add(int value)
    {
        var span = _buffer.GetSpan(Header);
        span[0] = IntTag;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], value);
        _buffer.Advance(Header);
        return this;
    }

    /// <summary>Adds a point in time with its offset (two instants equal in UTC but written with other offsets differ).</summary>
    public FingerprintBuilder Add(DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            return AddTag(NullTag);
        }

        var span = _buffer.GetSpan(17);
        span[0] = TimeTag;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], time.Ticks);
        BinaryPrimitives.WriteInt64LittleEndian(span[9..], time.Offset.Ticks);
        _buffer.Advance(17);
        return this;
    }

    /// <summary>Adds a list of strings, in order.</summary>
    public FingerprintBuilder Add(IReadOnlyList<string> values)
    {
        // Indexed: a foreach over the interface would allocate an enumerator per list.
        AddCount(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            Add(values[i]);
        }

        return this;
    }

    /// <summary>Starts a list of <paramref name="count"/> items, whose fields the caller then adds.</summary>
    public FingerprintBuilder AddCount(int count)
    {
        var span = _buffer.GetSpan(Header);
        span[0] = ListTag;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], count);
        _buffer.Advance(Header);
        return this;
    }

    /// <summary>The fingerprint of everything added since the last call; the builder starts empty again.</summary>
    /// <param name="known">
    /// The fingerprint the row had (or null): returned itself when it is the same, so an unchanged row allocates nothing.
    /// </param>
    public string Finish(string? known = null)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        _sha256.AppendData(_buffer.WrittenSpan);
        _sha256.GetHashAndReset(hash);
        _buffer.ResetWrittenCount();
        Span<char> text = stackalloc char[Version.Length + 1 + 32];
        Version.CopyTo(text);
        text[Version.Length] = ':';
        Convert.TryToHexStringLower(hash[..16], text[(Version.Length + 1)..], out _);
        return known is not null && text.SequenceEqual(known) ? known : new string(text);
    }

    public void Dispose() => _sha256.Dispose();

    private FingerprintBuilder AddUtf16(string value)
    {
        var bytes = MemoryMarshal.AsBytes(value.AsSpan());
        var span = _buffer.GetSpan(Header + bytes.Length);
        span[0] = Utf16Tag;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], value.Length);
        bytes.CopyTo(span[Header..]);
        _buffer.Advance(Header + bytes.Length);
        return this;
    }

    private FingerprintBuilder AddTag(byte tag)
    {
        _buffer.GetSpan(1)[0] = tag;
        _buffer.Advance(1);
        return this;
    }
}
