using System.Text.Json.Serialization.Metadata;
using Asana.Client.Serialization;

namespace Asana.Client.Tests.Conformance;

/// <summary>
/// Every response field the wire layer reads, as dotted JSON names from the body's root (<c>data.assignee.gid</c>):
/// the DTO properties by the names the source-generated <see cref="AsanaJsonContext"/> binds, nested DTOs recursively.
/// </summary>
internal static class WireFields
{
    public static IReadOnlyList<string> Of(Type root)
    {
        var fields = new List<string>();
        Walk(root, prefix: null, fields);
        return fields;
    }

    private static void Walk(Type type, string? prefix, List<string> fields)
    {
        var info = AsanaJsonContext.Default.GetTypeInfo(type)
            ?? throw new InvalidOperationException($"{type.Name} is not in AsanaJsonContext: the wire layer cannot read it.");
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            var path = prefix is null ? property.Name : prefix + "." + property.Name;
            fields.Add(path);
            if (IsDto(Element(property.PropertyType)) is { } nested)
            {
                Walk(nested, path, fields);
            }
        }
    }

    /// <summary>The element type of a list, the underlying type of a nullable, or the type itself.</summary>
    private static Type Element(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return underlying;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return type.GetGenericArguments()[0];
        }

        return type;
    }

    private static Type? IsDto(Type type) =>
        type.Namespace == typeof(AsanaJsonContext).Namespace && type.IsClass ? type : null;
}
