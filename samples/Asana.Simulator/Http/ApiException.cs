namespace Asana.Simulator.Http;

/// <summary>Ends a request with an Asana error body.</summary>
internal sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
