using System.Text.Json;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;

namespace Asana.Sync.PostgreSql;

/// <summary>Small, reflection-free JSON encodings for the jsonb columns.</summary>
internal static class PostgreSqlJson
{
    /// <summary>A model object as JSON text, written by one of <see cref="MergeJson"/>'s writers.</summary>
    public static string ToJson<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Task placements as <c>[[project, section or null], ...]</c>.</summary>
    public static string EncodePlacements(IReadOnlyList<TaskPlacement> placements) => ToJson(placements, static (writer, list) =>
    {
        writer.WriteStartArray();
        foreach (var placement in list)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(placement.ProjectGid);
            if (placement.SectionGid is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(placement.SectionGid);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    });

    public static IReadOnlyList<TaskPlacement> DecodePlacements(string json)
    {
        using var document = JsonDocument.Parse(json);
        var list = new List<TaskPlacement>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            list.Add(new TaskPlacement(element[0].GetString()!, element[1].ValueKind == JsonValueKind.Null ? null : element[1].GetString()));
        }

        return list;
    }
}
