using Asana.Client.Resilience;
using System.Text.Json;

namespace Asana.Client.Http;

/// <summary>
/// Reads the whole body inside the resilience pipeline, so a connection dropped mid-body or a truncated JSON
/// document on a success status is a retryable fault of that attempt instead of a <see cref="JsonException"/> after
/// the pipeline has already returned. The check is a forward-only <see cref="Utf8JsonReader"/> pass over the bytes.
/// It also sits where every attempt's answer passes, so the throttle learns of each 429, retried or not.
/// </summary>
internal sealed class AsanaResponseBufferingHandler(AsanaThrottle? throttle = null) : DelegatingHandler
{
    /// <summary>The limit the last 429 without Retry-After lowered concurrency to, for the retry's log line.</summary>
    internal static readonly HttpRequestOptionsKey<int> LoweredConcurrency = new("Asana.LoweredConcurrency");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (throttle?.Observe(response) is { } lowered)
        {
            request.Options.Set(LoweredConcurrency, lowered);
        }

        try
        {
            var original = response.Content;
            var body = await original.ReadAsByteArrayAsync(cancellationToken);
            var buffered = new ByteArrayContent(body);
            foreach (var header in original.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = buffered;
            original.Dispose();

            if (response.IsSuccessStatusCode && !IsCompleteJson(body))
            {
                var mediaType = buffered.Headers.ContentType?.MediaType ?? "no content type";
                throw new InvalidResponseBodyException(
                    response.StatusCode,
                    request.RequestUri?.AbsolutePath,
                    $"The response body is not complete JSON ({mediaType}, {body.Length} bytes): truncated, or not Asana's API.");
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    internal static bool IsCompleteJson(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return false;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            // Walks the whole document; throws on a truncated or malformed one (isFinalBlock is true).
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
