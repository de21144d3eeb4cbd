using System.Net;
using Asana.Client.Models;

namespace Asana.Client;

/// <summary>
/// Asana answered with an error status. Carries the status, Asana's own errors, the Retry-After it sent and the
/// request path (never the token, never the query string's secrets). Cancellation, timeouts and transport failures
/// are not wrapped in this type.
/// </summary>
public sealed class AsanaApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errors">Asana's errors (may be empty when the body was not Asana's JSON).</param>
    /// <param name="requestPath">The request path, without query string.</param>
    /// <param name="retryAfter">The Retry-After Asana sent, if any.</param>
    /// <param name="isOffsetExpired">True when a 400 says the paging offset expired: restart that listing.</param>
    public AsanaApiException(HttpStatusCode statusCode, IReadOnlyList<AsanaError> errors, string? requestPath, TimeSpan? retryAfter = null, bool isOffsetExpired = false)
        : base(BuildMessage(statusCode, errors, requestPath))
    {
        StatusCode = statusCode;
        Errors = errors;
        RequestPath = requestPath;
        RetryAfter = retryAfter;
        IsOffsetExpired = isOffsetExpired;
    }

    /// <summary>Creates the exception with a message of its own (used where the status needs more explanation, e.g. 401).</summary>
    internal AsanaApiException(string message, HttpStatusCode statusCode, IReadOnlyList<AsanaError> errors, string? requestPath, TimeSpan? retryAfter, bool isOffsetExpired)
        : base(message)
    {
        StatusCode = statusCode;
        Errors = errors;
        RequestPath = requestPath;
        RetryAfter = retryAfter;
        IsOffsetExpired = isOffsetExpired;
    }

    /// <summary>The HTTP status Asana answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Asana's <c>errors</c> array.</summary>
    public IReadOnlyList<AsanaError> Errors { get; }

    /// <summary>The request path, without query string.</summary>
    public string? RequestPath { get; }

    /// <summary>How long Asana asked us to wait, for a 429.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when the paging offset expired (a 400 while paging): the caller should restart that listing.</summary>
    public bool IsOffsetExpired { get; }

    private static string BuildMessage(HttpStatusCode statusCode, IReadOnlyList<AsanaError> errors, string? requestPath)
    {
        var what = errors.Count > 0 ? errors[0].Message : "no error details";
        var where = requestPath is null ? string.Empty : $" for {requestPath}";
        return $"Asana answered {(int)statusCode} ({statusCode}){where}: {what}";
    }
}
