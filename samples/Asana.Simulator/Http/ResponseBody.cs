namespace Asana.Simulator.Http;

/// <summary>A response built under the organization's lock, sent after it is released.</summary>
internal sealed record ResponseBody(int Status, byte[] Json, string? RetryAfter = null);
