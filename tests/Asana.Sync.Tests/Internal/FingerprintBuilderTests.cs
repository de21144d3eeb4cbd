using Asana.Sync.Internal;

namespace Asana.Sync.Tests.Internal;

public sealed class FingerprintBuilderTests
{
    private static string Of(Action<FingerprintBuilder> add)
    {
        using var builder = new FingerprintBuilder();
        add(builder);
        return builder.Finish();
    }

    [Fact]
    public void SameValues_SameFingerprint_AndFinishStartsAfresh()
    {
        using var builder = new FingerprintBuilder();
        var first = builder.Add("a").Add(["b", "c"]).Add(3).Add(true).Add(DateTimeOffset.UnixEpoch).Finish();
        var second = builder.Add("a").Add(["b", "c"]).Add(3).Add(true).Add(DateTimeOffset.UnixEpoch).Finish();

        second.Should().Be(first);
        first.Should().MatchRegex("^" + FingerprintBuilder.Version + ":[0-9a-f]{32}$", "the version, then 16 bytes of SHA-256 in hex");
        Of(_ => { }).Should().NotBe(first);
    }

    private static readonly Dictionary<string, (Action<FingerprintBuilder> One, Action<FingerprintBuilder> Other)> Pairs = new()
    {
        ["split strings"] = (b => b.Add("ab").Add("c"), b => b.Add("a").Add("bc")),
        ["null and empty"] = (b => b.Add((string?)null), b => b.Add(string.Empty)),
        ["null and the word"] = (b => b.Add((string?)null), b => b.Add("null")),
        ["empty string and nothing"] = (b => b.Add(string.Empty), _ => { }),
        ["split lists"] = (b => b.Add(["a", "b"]).Add(["c"]), b => b.Add(["a"]).Add(["b", "c"])),
        ["list and its items"] = (b => b.Add(["a", "b"]), b => b.Add("a").Add("b")),
        ["empty list and nothing"] = (b => b.Add(Array.Empty<string>()), _ => { }),
        ["a count and a number"] = (b => b.AddCount(1), b => b.Add(1)),
        ["flag and number"] = (b => b.Add(true), b => b.Add(1)),
        ["true and false"] = (b => b.Add(true), b => b.Add(false)),
        ["numbers"] = (b => b.Add(1), b => b.Add(2)),
        ["a separator inside a string"] = (b => b.Add("a\u001fb"), b => b.Add("a").Add("b")),
        ["unpaired surrogates"] = (b => b.Add("\ud800"), b => b.Add("\udc00")),
        ["an unpaired surrogate and the replacement character"] = (b => b.Add("a\ud800"), b => b.Add("a\ufffd")),
        ["accents"] = (b => b.Add("café"), b => b.Add("cafe")),
        ["the same instant at another offset"] = (b => b.Add(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero)), b => b.Add(new DateTimeOffset(2025, 1, 1, 13, 0, 0, TimeSpan.FromHours(1)))),
        ["a tick apart"] = (b => b.Add(DateTimeOffset.UnixEpoch), b => b.Add(DateTimeOffset.UnixEpoch.AddTicks(1))),
        ["no time and a time"] = (b => b.Add((DateTimeOffset?)null), b => b.Add(DateTimeOffset.UnixEpoch)),
    };

    public static TheoryData<string> Ambiguities => [.. Pairs.Keys];

    [Theory]
    [MemberData(nameof(Ambiguities))]
    public void DifferentValues_NeverShareAFingerprint(string pair)
    {
        var (one, other) = Pairs[pair];

        Of(one).Should().NotBe(Of(other));
    }
}
