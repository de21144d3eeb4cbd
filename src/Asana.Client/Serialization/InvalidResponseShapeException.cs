namespace Asana.Client.Serialization;

/// <summary>A well-formed JSON body lacked something the models require; turned into an <see cref="AsanaApiException"/> by the facade.</summary>
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
