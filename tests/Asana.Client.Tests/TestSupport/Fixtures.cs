namespace Asana.Client.Tests.TestSupport;

/// <summary>Reads the JSON (and HTML) response fixtures copied next to the test assembly.</summary>
internal static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
