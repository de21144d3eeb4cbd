namespace Asana.Permissions.Console.Cli;

/// <summary>
/// Removes secrets (the access token) from anything the console prints. The libraries never put the token in a message;
/// this is a second line of defence, applied to every line written to stdout or stderr by the human-readable writers
/// and to every error message.
/// </summary>
internal sealed class SecretScrubber
{
    private const string Mask = "***";
    private readonly List<string> _secrets = [];

    public void Add(string? secret)
    {
        // Very short values would mask ordinary words; a real token is long.
        if (!string.IsNullOrWhiteSpace(secret) && secret.Length >= 4 && !_secrets.Contains(secret, StringComparer.Ordinal))
        {
            _secrets.Add(secret);
            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    public string Scrub(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
            // The same token as it would appear URL- or header-encoded.
            var escaped = Uri.EscapeDataString(secret);
            if (!string.Equals(escaped, secret, StringComparison.Ordinal))
            {
                text = text.Replace(escaped, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
