using System.Text.Json;
using Asana.Permissions.Sources;

namespace Asana.Sync.Sqlite;

/// <summary>Small, reflection-free JSON encodings for list columns.</summary>
internal static class SqliteJson
{
    public static string EncodeStrings(IEnumerable<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<string> DecodeStrings(string json)
    {
        using var document = JsonDocument.Parse(json);
        var list = new List<string>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            list.Add(element.GetString()!);
        }

        return list;
    }

    public static string EncodePlacements(IReadOnlyList<TaskPlacement> placements)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var placement in placements)
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
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

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
