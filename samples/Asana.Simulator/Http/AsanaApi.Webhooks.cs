using System.Text.Json;
using Asana.Simulator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Asana.Simulator.Http;

/// <summary><c>/webhooks</c>: list, create (with the handshake, through real HTTP to the target) and delete.</summary>
internal sealed partial class AsanaApi
{
    /// <summary>Set once the server is built: the webhooks and their delivery pump.</summary>
    public SimulatedWebhooks? Webhooks { get; set; }

    private void MapWebhooks(IEndpointRouteBuilder app)
    {
        Get(app, "/webhooks", ListWebhooks);
        app.MapPost(Prefix + "/webhooks", CreateWebhookAsync);
        app.MapDelete(Prefix + "/webhooks/{gid}", ctx => RunAsync(ctx, DeleteWebhook));
    }

    /// <summary><c>GET /webhooks?workspace=&amp;resource=</c>: the full representation whatever <c>opt_fields</c> asks for.</summary>
    private ResponseBody ListWebhooks(HttpContext ctx)
    {
        RequireWorkspace(Query(ctx, "workspace"));
        var resource = Query(ctx, "resource");
        var hooks = RequiredWebhooks.Snapshot().Where(h => resource is null || h.Resource.Gid == resource).ToList();
        return Page(ctx, hooks, (w, h, _) => WriteWebhook(w, h));
    }

    private ResponseBody DeleteWebhook(HttpContext ctx)
    {
        var gid = Route(ctx);
        if (!RequiredWebhooks.Remove(gid))
        {
            throw new ApiException(404, $"webhook: Unknown object: {gid}");
        }

        return new ResponseBody(200, "{\"data\":{}}"u8.ToArray());
    }

    /// <summary>
    /// <c>POST /webhooks</c> with <c>{"data": {"resource", "target", "filters"}}</c>. Runs outside the organization's
    /// lock: the handshake is an HTTP call to the target, which may read this server meanwhile.
    /// </summary>
    private async Task CreateWebhookAsync(HttpContext ctx)
    {
        ResponseBody body;
        try
        {
            var (resource, target, filters) = await ReadWebhookRequestAsync(ctx);
            var hook = await RequiredWebhooks.CreateAsync(resource, target, filters, ctx.RequestAborted);
            lock (_org.Gate)
            {
                body = new ResponseBody(201, Write(w =>
                {
                    w.WriteStartObject();
                    w.WritePropertyName("data");
                    WriteWebhook(w, hook);
                    w.WriteString("X-Hook-Secret", hook.Secret);
                    w.WriteEndObject();
                }));
            }
        }
        catch (ApiException e)
        {
            body = Error(e.Status, e.Message);
        }

        await SendAsync(ctx, body);
    }

    private static async Task<(string Resource, string Target, IReadOnlyList<SimWebhookFilter> Filters)> ReadWebhookRequestAsync(HttpContext ctx)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
        }
        catch (JsonException)
        {
            throw new ApiException(400, "Could not parse request data, invalid JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new ApiException(400, "data: Missing input");
            }

            var resource = String(data, "resource") ?? throw new ApiException(400, "resource: Missing input");
            var target = String(data, "target") ?? throw new ApiException(400, "target: Missing input");
            var filters = new List<SimWebhookFilter>();
            if (data.TryGetProperty("filters", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var f in list.EnumerateArray())
                {
                    if (f.ValueKind != JsonValueKind.Object)
                    {
                        throw new ApiException(400, "filters: Not a filter object.");
                    }

                    var fields = f.TryGetProperty("fields", out var names) && names.ValueKind == JsonValueKind.Array
                        ? names.EnumerateArray().Select(n => n.GetString() ?? string.Empty).ToList()
                        : null;
                    filters.Add(new SimWebhookFilter(String(f, "resource_type") ?? string.Empty, String(f, "action"), String(f, "resource_subtype"), fields));
                }
            }

            return (resource, target, filters);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private SimulatedWebhooks RequiredWebhooks => Webhooks ?? throw new ApiException(503, "Webhooks are not available yet.");

    private static void WriteWebhook(Utf8JsonWriter w, SimWebhook h)
    {
        w.WriteStartObject();
        w.WriteString("gid", h.Gid);
        w.WriteString("resource_type", "webhook");
        w.WriteBoolean("active", h.ConsecutiveFailures == 0);
        w.WriteStartObject("resource");
        w.WriteString("gid", h.Resource.Gid);
        w.WriteString("resource_type", h.Resource.ResourceType);
        w.WriteString("name", h.Resource.Name);
        w.WriteEndObject();
        w.WriteString("target", h.Target.AbsoluteUri);
        w.WriteStartArray("filters");
        foreach (var f in h.Filters)
        {
            w.WriteStartObject();
            w.WriteString("resource_type", f.ResourceType);
            if (f.Action is not null) { w.WriteString("action", f.Action); }
            if (f.ResourceSubtype is not null) { w.WriteString("resource_subtype", f.ResourceSubtype); }
            if (f.Fields is not null)
            {
                w.WriteStartArray("fields");
                foreach (var field in f.Fields) { w.WriteStringValue(field); }
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("created_at", SimulatedOrganization.Timestamp(h.CreatedAt));
        Instant(w, "last_success_at", h.LastSuccessAt);
        Instant(w, "last_failure_at", h.LastFailureAt);
        w.WriteString("last_failure_content", h.LastFailureContent ?? string.Empty);
        w.WriteNumber("delivery_retry_count", h.ConsecutiveFailures);
        Instant(w, "next_attempt_after", h.ConsecutiveFailures == 0 ? null : h.NextAttemptAt);
        w.WriteEndObject();
    }

    private static void Instant(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, SimulatedOrganization.Timestamp(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
