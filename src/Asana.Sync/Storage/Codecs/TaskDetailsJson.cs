using System.Globalization;
using System.Text.Json;
using Asana.Permissions.Sources;

namespace Asana.Sync.Storage.Codecs;

/// <summary>
/// The stored form of <see cref="TaskDetails"/>: one JSON object per task, reflection-free. Compiled into every store
/// package (linked source), so the SQLite and PostgreSQL stores read each other's rows the same way.
/// </summary>
internal static class TaskDetailsJson
{
    public static string? Encode(TaskDetails? details)
    {
        if (details is null)
        {
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteMoment(writer, "created_at", details.CreatedAt);
            WriteMoment(writer, "completed_at", details.CompletedAt);
            if (details.DueOn is { } dueOn)
            {
                writer.WriteString("due_on", dueOn);
            }

            WriteMoment(writer, "due_at", details.DueAt);
            if (details.CreatorGid is { } creator)
            {
                writer.WriteString("creator", creator);
            }

            if (details.PermalinkUrl is { } url)
            {
                writer.WriteString("permalink_url", url);
            }

            writer.WriteStartArray("tags");
            foreach (var tag in details.Tags)
            {
                writer.WriteStartObject();
                writer.WriteString("gid", tag.Gid);
                writer.WriteString("name", tag.Name);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static TaskDetails? Decode(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var tags = new List<TagRecord>();
        if (root.TryGetProperty("tags", out var tagArray))
        {
            foreach (var tag in tagArray.EnumerateArray())
            {
                tags.Add(new TagRecord(tag.GetProperty("gid").GetString()!, tag.GetProperty("name").GetString()!));
            }
        }

        return new TaskDetails(
            Moment(root, "created_at"),
            Moment(root, "completed_at"),
            root.TryGetProperty("due_on", out var dueOn) ? dueOn.GetString() : null,
            Moment(root, "due_at"),
            root.TryGetProperty("creator", out var creator) ? creator.GetString() : null,
            root.TryGetProperty("permalink_url", out var url) ? url.GetString() : null,
            tags);
    }

    private static void WriteMoment(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } moment)
        {
            writer.WriteString(name, moment);
        }
    }

    private static DateTimeOffset? Moment(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.GetDateTimeOffset() : null;
}
