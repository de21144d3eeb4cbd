using System.Text.Json;
using Asana.Sync.Storage;

namespace Asana.Permissions.Console.Output;

/// <summary>The JSON shapes the console and <c>serve</c> share, so both answer a question the same way.</summary>
internal static class AnswerJson
{
    /// <summary><c>{"allowed": bool, "because": [...]}</c>, leaving the object open for more properties.</summary>
    public static void StartDecision(Utf8JsonWriter json, AccessDecision decision)
    {
        json.WriteStartObject();
        json.WriteBoolean("allowed", decision.Allowed);
        json.WriteStartArray("because");
        foreach (var grant in decision.Because)
        {
            json.WriteStringValue(grant.Description);
        }

        json.WriteEndArray();
    }

    /// <summary><c>[{"remote_id", "name", "snippet"}]</c>.</summary>
    public static void WriteSearchHits(Utf8JsonWriter json, IEnumerable<SearchHit> hits)
    {
        json.WriteStartArray();
        foreach (var hit in hits)
        {
            json.WriteStartObject();
            json.WriteString("remote_id", hit.TicketGid);
            json.WriteString("name", hit.Name);
            json.WriteString("snippet", hit.Snippet);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
