namespace Asana.Simulator.Tests;

/// <summary>The testing package (Asana.Sync.Testing) is an independent fake of Asana, not a copy of the library it tests.</summary>
public sealed class IndependenceTests
{
    [Fact]
    public void Simulator_ReferencesAsanaPermissionsOnly_NeverTheClientOrTheSync()
    {
        var assembly = typeof(SimulatedAsana).Assembly;
        var own = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Asana.", StringComparison.Ordinal));

        assembly.GetName().Name.Should().Be("Asana.Sync.Testing", "the assembly is named after its package");
        own.Should().Equal(["Asana.Permissions"], "it re-implements Asana's HTTP API on its own; only the records of its ground truth come from the domain");
    }
}
