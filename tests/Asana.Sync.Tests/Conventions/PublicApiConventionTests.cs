using System.Reflection;
using Asana.Client;
using Asana.Permissions;
using Asana.Sync;

namespace Asana.Sync.Tests.Conventions;

/// <summary>The style rules of the three libraries, checked by reflection so they cannot drift.</summary>
public sealed class PublicApiConventionTests
{
    private static readonly Assembly[] Libraries =
    [
        typeof(WorkspacePermissions).Assembly,
        typeof(AsanaClient).Assembly,
        typeof(AsanaSyncEngine).Assembly,
    ];

    private static IEnumerable<Type> PublicTypes => Libraries.SelectMany(a => a.GetExportedTypes());

    [Fact]
    public void PublicAsyncMethods_EndInAsync_AndTakeACancellationTokenLast()
    {
        var offenders = new List<string>();
        var examined = 0;
        // A sequence's own members (AsanaPageable<T>.AsPages, GetAsyncEnumerator) start no operation when called:
        // like IAsyncEnumerable<T> they take the token at enumeration (WithCancellation).
        foreach (var type in PublicTypes.Where(t => !IsAsyncSequence(t)))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.IsSpecialName || method.Name is "DisposeAsync" || !IsAsync(method.ReturnType))
                {
                    continue;
                }

                examined++;
                var parameters = method.GetParameters();
                if (!method.Name.EndsWith("Async", StringComparison.Ordinal))
                {
                    offenders.Add($"{type.Name}.{method.Name}: name does not end in Async");
                }

                if (parameters.Length == 0 || parameters[^1].ParameterType != typeof(CancellationToken))
                {
                    offenders.Add($"{type.Name}.{method.Name}: CancellationToken is not the last parameter");
                }
            }
        }

        examined.Should().BeGreaterThan(30, "the client alone has that many async methods: a vacuous pass would prove nothing");
        offenders.Should().BeEmpty();
    }

    [Fact]
    public void PublicClasses_AreSealedOrStatic()
    {
        var open = PublicTypes
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !typeof(Delegate).IsAssignableFrom(t))
            .Select(t => t.FullName);

        open.Should().BeEmpty("public classes are sealed by default");
    }

    [Fact]
    public void Models_ArePositionalSealedRecords()
    {
        var modelNamespaces = new[] { "Asana.Permissions.Model", "Asana.Permissions.Sources", "Asana.Client.Models" };
        var models = PublicTypes.Where(t => t.IsClass && !t.IsAbstract && modelNamespaces.Contains(t.Namespace)).ToList();

        models.Should().NotBeEmpty();
        models.Where(t => t.GetMethod("<Clone>$") is null).Select(t => t.FullName).Should().BeEmpty("models are records");
        models.Where(t => !t.IsSealed).Select(t => t.FullName).Should().BeEmpty("models are sealed");
    }

    [Fact]
    public void PublicRecords_WithCollections_PrintTheirItems()
    {
        // A record's generated ToString() prints a list member as its type name
        // ("System.Collections.Generic.List`1[...]"): each such record writes its own PrintMembers.
        var records = PublicTypes.Where(t => t.GetMethod("<Clone>$") is not null).ToList();
        var withCollections = records
            .Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType)))
            .ToList();
        var generated = withCollections
            .Where(t => t.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not { } printMembers
                || printMembers.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .Select(t => t.FullName!);

        withCollections.Should().HaveCountGreaterThan(10, "a vacuous pass would prove nothing");
        generated.Should().BeEmpty();
    }

    [Fact]
    public void AsanaPermissions_DependsOnNothingButTheFramework()
    {
        var references = typeof(WorkspacePermissions).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        references.Should().OnlyContain(name => name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard",
            "the domain does no I/O, no HTTP and no JSON");
        references.Should().NotContain(name => name.StartsWith("System.Text.Json", StringComparison.Ordinal) || name.StartsWith("System.Net", StringComparison.Ordinal));
    }

    [Fact]
    public void ClientLists_AreAsanaPageables_NamedAsync()
    {
        var lists = typeof(IAsanaClient).GetMethods().Where(m => IsAsyncSequence(m.ReturnType)).ToList();

        lists.Should().HaveCountGreaterThan(10);
        lists.Should().OnlyContain(m => m.ReturnType.GetGenericTypeDefinition() == typeof(AsanaPageable<>), "one pageable per list, no bare IAsyncEnumerable");
    }

    private static bool IsAsync(Type returnType) =>
        returnType == typeof(Task) || returnType == typeof(ValueTask) ||
        (returnType.IsGenericType && returnType.GetGenericTypeDefinition() is var definition &&
         (definition == typeof(Task<>) || definition == typeof(ValueTask<>))) ||
        IsAsyncSequence(returnType);

    /// <summary>IAsyncEnumerable&lt;T&gt; itself, or a type that implements it (AsanaPageable&lt;T&gt;).</summary>
    private static bool IsAsyncSequence(Type type) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)) ||
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));
}
