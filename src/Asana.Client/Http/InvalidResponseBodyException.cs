using System.Net;
using Asana.Client.Models;

namespace Asana.Client.Http;

/// <summary>
/// A success status whose body is not complete JSON (truncated, or an HTML page from a proxy). Thrown inside the
/// resilience pipeline so the request is retried like a transient fault; if retries run out it becomes an
/// <see cref="AsanaApiException"/> (see <see cref="ToApiException"/>). Carries no body text, only its size and type.
/// </summary>
internal sealed class InvalidResponseBodyException : Exception
{
    public InvalidResponseBodyException()
    {
    }

    public InvalidResponseBodyException(string message)
        : base(message)
    {
    }

    public InvalidResponseBodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidResponseBodyException(HttpStatusCode statusCode, string? requestPath, string message)
        : base(message)
    {
        StatusCode = statusCode;
        RequestPath = requestPath;
    }

    public HttpStatusCode StatusCode { get; }

    public string? RequestPath { get; }

    public AsanaApiException ToApiException() =>
        new(StatusCode, [new AsanaError(Message)], RequestPath);
}
