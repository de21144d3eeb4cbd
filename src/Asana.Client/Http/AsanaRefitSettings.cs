using System.Net;
using Asana.Client.Models;
using Asana.Client.Serialization;
using Refit;

namespace Asana.Client.Http;

/// <summary>
/// Refit settings on the source-generated JSON context (no reflection), producing only our exception types:
/// error statuses become <see cref="AsanaApiException"/>; transport failures, timeouts and cancellation pass through
/// unwrapped; a body that cannot be read as the expected shape becomes an <see cref="AsanaApiException"/> too.
/// </summary>
internal static class AsanaRefitSettings
{
    public static RefitSettings Create(TimeProvider timeProvider)
    {
        var errors = new AsanaErrorFactory(timeProvider);
        var settings = RefitSettings.ForJsonContext(AsanaJsonContext.Default);
        settings.ExceptionFactory = errors.CreateAsync;
        settings.DeserializationExceptionFactory = (response, exception) => ValueTask.FromResult<Exception?>(ShapeError(response, exception));
        settings.TransportExceptionFactory = (_, exception, _) =>
            exception is InvalidResponseBodyException invalid ? invalid.ToApiException() : exception;
        return settings;
    }

    internal static AsanaApiException ShapeError(HttpResponseMessage response, Exception exception) =>
        new(
            response.StatusCode == 0 ? HttpStatusCode.OK : response.StatusCode,
            [new AsanaError($"The response body does not have the shape Asana documents: {exception.Message}")],
            response.RequestMessage?.RequestUri?.AbsolutePath);
}
