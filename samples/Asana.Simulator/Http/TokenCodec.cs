using System.Globalization;
using System.Text;

namespace Asana.Simulator.Http;

/// <summary>
/// Opaque offset and sync tokens: base64url of <c>kind|scope|position|issued-ms|epoch</c>. A token is valid for the
/// scope (list or resource) it was issued for, within its lifetime, and until the epoch is bumped (forced expiry).
/// </summary>
internal sealed class TokenCodec(string kind, TimeProvider clock, TimeSpan? lifetime)
{
    private long _epoch;

    public void ExpireAll() => Interlocked.Increment(ref _epoch);

    public string Issue(string scope, long position)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{kind}|{scope}|{position}|{clock.GetUtcNow().ToUnixTimeMilliseconds()}|{Interlocked.Read(ref _epoch)}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Decodes a token: its position, or why it is refused.</summary>
    public TokenStatus Read(string token, string scope, out long position)
    {
        position = 0;
        string text;
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
        }
        catch (FormatException)
        {
            return TokenStatus.Invalid;
        }

        var parts = text.Split('|');
        if (parts.Length != 5 || parts[0] != kind || parts[1] != scope
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out position)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return TokenStatus.Invalid;
        }

        if (epoch != Interlocked.Read(ref _epoch)
            || (lifetime is { } life && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issued) > life))
        {
            return TokenStatus.Expired;
        }

        return TokenStatus.Valid;
    }
}
