namespace Asana.Sync;

/// <summary>
/// A sync stopped and changed nothing in the store: Asana rejected the token (401) or the workspace (403/404), or a
/// workspace-level listing failed. The message never contains the token.
/// </summary>
public sealed class AsanaSyncException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AsanaSyncException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public AsanaSyncException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public AsanaSyncException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status Asana answered with, when that was the cause.</summary>
    public System.Net.HttpStatusCode? StatusCode { get; init; }
}
