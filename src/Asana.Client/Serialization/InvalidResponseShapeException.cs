namespace Asana.Client.Serialization;

/// <summary>
/// A well-formed JSON body lacked something the models require. The message says what, without the endpoint: the facade
/// turns it into an <see cref="AsanaApiException"/> and appends " from {path}".
/// </summary>
internal sealed class InvalidResponseShapeException : Exception
{
    public InvalidResponseShapeException()
    {
    }

    public InvalidResponseShapeException(string message)
        : base(message)
    {
    }

    public InvalidResponseShapeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
