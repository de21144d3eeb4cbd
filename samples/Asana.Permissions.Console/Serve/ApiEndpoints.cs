using System.Text.Json;
using Asana.Permissions.Console.Commands;
using Asana.Permissions.Console.Output;
using Asana.Sync.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Asana.Permissions.Console.Serve;

/// <summary>
/// The JSON API of <c>serve</c>: <c>/v1/check</c>, <c>/v1/visible</c>, <c>/v1/explain</c>, <c>/v1/search</c> and
/// <c>/healthz</c>. Every answer comes from the store (through <see cref="IPermissionReader"/>), so it reflects the last
/// committed sync or refresh. A missing parameter or an ambiguous email gets 400 with <c>{"error": "..."}</c>.
/// </summary>
internal static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ServeSettings settings)
    {
        var ws = settings.WorkspaceGid;
        app.MapGet("/v1/check", (HttpContext http, IPermissionReader reader) => AnswerAsync(http, async (json, ct) =>
        {
            var decision = await reader.ExplainAsync(ws, Required(http, "user"), Required(http, "ticket"), ct);
            AnswerJson.StartDecision(json, decision);
            json.WriteEndObject();
        }));

        app.MapGet("/v1/visible", (HttpContext http, IPermissionReader reader) => AnswerAsync(http, async (json, ct) =>
        {
            var tickets = await reader.ListAccessibleAsync(ws, Required(http, "user"), ct);
            json.WriteStartArray();
            foreach (var gid in tickets)
            {
                json.WriteStringValue(gid);
            }

            json.WriteEndArray();
        }));

        app.MapGet("/v1/explain", (HttpContext http, IPermissionReader reader, IPermissionStore store) => AnswerAsync(http, async (json, ct) =>
        {
            var user = Required(http, "user");
            var ticket = Required(http, "ticket");
            var decision = await reader.ExplainAsync(ws, user, ticket, ct);
            var userGid = await reader.ResolveUserAsync(ws, user, ct) ?? user;
            var stored = await store.LoadAsync(ws, ct);
            AnswerJson.StartDecision(json, decision);
            json.WriteStartArray("explanation");
            if (stored is not null)
            {
                foreach (var line in new Explanation(stored.Data).Lines(userGid, ticket, decision))
                {
                    json.WriteStringValue(line);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }));

        app.MapGet("/v1/search", (HttpContext http, IPermissionReader reader) => AnswerAsync(http, async (json, ct) =>
        {
            var limit = 20;
            if (http.Request.Query["limit"].ToString() is { Length: > 0 } text && (!int.TryParse(text, out limit) || limit is < 1 or > 1000))
            {
                throw new BadRequestException("limit must be a whole number from 1 to 1000");
            }

            var user = Required(http, "user");
            var hits = await reader.SearchAsync(ws, user, Required(http, "q"), limit, ct);
            // As the console does: every hit is checked again with the permission engine; one it refuses is left out.
            var allowed = new List<SearchHit>(hits.Count);
            foreach (var hit in hits)
            {
                if ((await reader.ExplainAsync(ws, user, hit.TicketGid, ct)).Allowed)
                {
                    allowed.Add(hit);
                }
            }

            AnswerJson.WriteSearchHits(json, allowed);
        }));

        app.MapGet("/healthz", (HttpContext http, ServeStatus status, Asana.Sync.RefreshQueue queue) => AnswerAsync(http, (json, _) =>
        {
            json.WriteStartObject();
            json.WriteString("status", status.LastSyncAt is null ? "starting" : "ok");
            json.WriteString("workspace", ws);
            if (status.LastSyncAt is { } at)
            {
                json.WriteString("last_sync_at", at);
                json.WriteString("last_sync_mode", status.LastSync!.Mode.ToString().ToLowerInvariant());
            }

            if (status.LastError is { } error)
            {
                json.WriteString("last_error", error);
            }

            if (status.Webhooks is { } hooks)
            {
                json.WriteStartObject("webhooks");
                json.WriteNumber("kept", hooks.Kept);
                json.WriteNumber("created", hooks.Created);
                json.WriteNumber("deleted", hooks.Deleted);
                json.WriteNumber("failures", hooks.Failures.Count);
                json.WriteEndObject();
            }

            json.WriteNumber("refreshes", queue.Committed);
            json.WriteEndObject();
            return Task.CompletedTask;
        }));
    }

    private static string Required(HttpContext http, string name) =>
        http.Request.Query[name].ToString() is { Length: > 0 } value ? value : throw new BadRequestException($"the query needs {name}=...");

    private static async Task AnswerAsync(HttpContext http, Func<Utf8JsonWriter, CancellationToken, Task> write)
    {
        var ct = http.RequestAborted;
        using var buffer = new MemoryStream();
        int status;
        await using (var json = new Utf8JsonWriter(buffer))
        {
            try
            {
                await write(json, ct);
                status = StatusCodes.Status200OK;
            }
            catch (Exception ex) when (ex is BadRequestException or AmbiguousUserException)
            {
                json.Reset(buffer);
                buffer.SetLength(0);
                json.WriteStartObject();
                json.WriteString("error", ex.Message);
                json.WriteEndObject();
                status = StatusCodes.Status400BadRequest;
            }
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, ct);
    }

    private sealed class BadRequestException(string message) : Exception(message);
}
