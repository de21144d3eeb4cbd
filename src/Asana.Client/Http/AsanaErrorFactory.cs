using System.Net;
using System.Text.Json;
using Asana.Client.Models;
using Asana.Client.Resilience;
using Asana.Client.Serialization;

namespace Asana.Client.Http;

/// <summary>
/// Turns a non-success response into an <see cref="AsanaApiException"/> built from Asana's <c>errors</c> body. A body
/// that is not Asana's JSON (an HTML 502 page) yields one synthetic error that says so, never a JSON exception.
/// </summary>
internal sealed class AsanaErrorFactory(TimeProvider timeProvider)
{
    public async ValueTask<Exception?> CreateAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync();
        }
        catch (HttpRequestException)
        {
            body = [];
        }
        catch (IOException)
        {
            body = [];
        }

        return Create(response, body);
    }

    public AsanaApiException Create(HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        var request = response.RequestMessage;
        var path = request?.RequestUri?.AbsolutePath;
        var errors = ParseErrors(response, body, out _);
        errors = Redact(errors, request);
        var retryAfter = RetryAfter.Read(response, timeProvider);
        var status = response.StatusCode;

        var isOffsetExpired = status == HttpStatusCode.BadRequest
            && HasOffset(request?.RequestUri)
            && errors.Any(e => e.Message.Contains("offset", StringComparison.OrdinalIgnoreCase));

        if (status == HttpStatusCode.Unauthorized)
        {
            var said = errors.Count > 0 ? $" Asana said: {errors[0].Message}" : string.Empty;
            var message =
                $"Asana answered 401 (Unauthorized){(path is null ? string.Empty : $" for {path}")}: the access token was rejected " +
                $"(missing, invalid, expired or revoked, or the app is not allowed in this workspace). Check the configured token; this is not retried.{said}";
            return new AsanaApiException(message, status, errors, path, retryAfter, isOffsetExpired: false);
        }

        return new AsanaApiException(status, errors, path, retryAfter, isOffsetExpired);
    }

    /// <summary>Parses <c>{"errors": [...], "sync": ...}</c>; a body that is not that JSON gives one synthetic error.</summary>
    public static IReadOnlyList<AsanaError> ParseErrors(HttpResponseMessage response, ReadOnlySpan<byte> body, out string? sync)
    {
        sync = null;
        if (!body.IsEmpty)
        {
            try
            {
                var envelope = JsonSerializer.Deserialize(body, AsanaJsonContext.Default.ErrorEnvelope);
                sync = envelope?.Sync;
                var errors = WireMapper.Errors(envelope?.Errors);
                if (errors.Count > 0)
                {
                    return errors;
                }
            }
            catch (JsonException)
            {
                // Not Asana's JSON: described below by content type and size only (the body may be a proxy's page).
            }
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
        var reason = string.IsNullOrEmpty(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase;
        return body.IsEmpty
            ? [new AsanaError($"{reason}; the response had an empty body.")]
            : [new AsanaError($"{reason}; the response body is not Asana's JSON error format ({mediaType}, {body.Length} bytes).")];
    }

    private static bool HasOffset(Uri? uri) =>
        uri is not null && (uri.Query.Contains("?offset=", StringComparison.Ordinal) || uri.Query.Contains("&offset=", StringComparison.Ordinal));

    // Belt and braces: a misbehaving server or proxy that echoes the Authorization header must not put the token into
    // an exception message.
    private static IReadOnlyList<AsanaError> Redact(IReadOnlyList<AsanaError> errors, HttpRequestMessage? request)
    {
        var token = request?.Headers.Authorization?.Parameter;
        if (string.IsNullOrEmpty(token) || !errors.Any(e => Contains(e, token)))
        {
            return errors;
        }

        return errors
            .Select(e => new AsanaError(
                e.Message.Replace(token, "***", StringComparison.Ordinal),
                e.Help?.Replace(token, "***", StringComparison.Ordinal),
                e.Phrase?.Replace(token, "***", StringComparison.Ordinal)))
            .ToArray();

        static bool Contains(AsanaError e, string token) =>
            e.Message.Contains(token, StringComparison.Ordinal)
            || (e.Help?.Contains(token, StringComparison.Ordinal) ?? false)
            || (e.Phrase?.Contains(token, StringComparison.Ordinal) ?? false);
    }
}
