using System.Security.Cryptography;
using System.Text;

namespace Asana.Sync.AspNetCore.Receiving;

/// <summary>Asana's delivery signature: <c>X-Hook-Signature</c> is the hex HMAC-SHA256 of the raw body, keyed by the handshake's secret.</summary>
internal static class WebhookSignature
{
    private const int HashBytes = 32;

    /// <summary>
    /// Whether <paramref name="header"/> is the signature of <paramref name="body"/> under <paramref name="secret"/>.
    /// Compared in constant time over the bytes; a header that is not 64 hex digits fails without comparing.
    /// </summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || header.Length != HashBytes * 2)
        {
            return false;
        }

        Span<byte> claimed = stackalloc byte[HashBytes];
        if (Convert.FromHexString(header, claimed, out _, out var written) != System.Buffers.OperationStatus.Done || written != HashBytes)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[HashBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, actual);
        return CryptographicOperations.FixedTimeEquals(actual, claimed);
    }

    /// <summary>The signature Asana would send (for tests and tools).</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
