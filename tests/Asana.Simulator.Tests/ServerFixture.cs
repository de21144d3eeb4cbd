using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Asana.Simulator.Tests;

/// <summary>Helpers: start a server on a small organization and call it with a plain HttpClient.</summary>
internal static class ServerFixture
{
    public static async Task<(SimulatedAsana Server, HttpClient Http)> StartAsync(SimulatedOrganization? org = null, SimulatorOptions? options = null)
    {
        var server = await SimulatedAsana.StartAsync(org ?? SimulatedOrganization.Generate(7, OrganizationShape.Small), options);
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AccessToken);
        return (server, http);
    }

    public static async Task<(int Status, JsonNode? Body)> GetJsonAsync(this HttpClient http, string relative)
    {
        using var response = await http.GetAsync(new Uri(relative, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Pages through a list with the given limit; returns every item.</summary>
    public static async Task<List<JsonObject>> GetAllAsync(this HttpClient http, string relative, int limit = 100)
    {
        var items = new List<JsonObject>();
        var separator = relative.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? offset = null;
        do
        {
            var url = $"{relative}{separator}limit={limit}" + (offset is null ? "" : $"&offset={Uri.EscapeDataString(offset)}");
            var (status, body) = await http.GetJsonAsync(url);
            status.Should().Be(200, body?.ToJsonString());
            items.AddRange(body!["data"]!.AsArray().Select(n => n!.AsObject()));
            offset = body["next_page"]?["offset"]?.GetValue<string>();
        }
        while (offset is not null);
        return items;
    }
}
