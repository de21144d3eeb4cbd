namespace Asana.Client.Tests.Conformance;

/// <summary>One way to call the client.</summary>
/// <param name="Method">The <see cref="IAsanaClient"/> method.</param>
/// <param name="Variant">Which arguments are set.</param>
/// <param name="Call">The call.</param>
internal sealed record ClientCall(string Method, string Variant, Func<IAsanaClient, Task> Call)
{
    public string Name => $"{Method}: {Variant}";
}
