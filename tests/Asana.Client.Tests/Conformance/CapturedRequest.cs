namespace Asana.Client.Tests.Conformance;

/// <summary>
/// A request as the client sent it: method, path below the API base (<c>/projects/1/tasks</c>), decoded query in wire
/// order, and its body (null without one).
/// </summary>
internal sealed record CapturedRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Query, string? Body = null)
{
    /// <summary>Reads a request sent under <paramref name="basePath"/> (e.g. <c>/api/1.0</c>).</summary>
    public static CapturedRequest From(HttpRequestMessage request, string basePath)
    {
        // Buffered bodies only (the client buffers the ones it sends), read synchronously inside the handler.
        var body = request.Content is { } content ? content.ReadAsStringAsync().GetAwaiter().GetResult() : null;
        var uri = request.RequestUri!;
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        path = path.StartsWith(basePath, StringComparison.Ordinal) ? path[basePath.Length..] : path;
        var query = new List<KeyValuePair<string, string>>();
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            query.Add(new(Uri.UnescapeDataString(name.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
        }

        return new CapturedRequest(request.Method.Method, path, query, body);
    }

    public override string ToString() =>
        $"{Method} {Path}{(Query.Count == 0 ? string.Empty : "?" + string.Join('&', Query.Select(q => q.Key + "=" + q.Value)))}";
}
