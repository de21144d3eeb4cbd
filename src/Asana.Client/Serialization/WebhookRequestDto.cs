using System.Text.Json.Serialization;

namespace Asana.Client.Serialization;

/// <summary>The body of <c>POST /webhooks</c> inside its <c>data</c> envelope (Asana's <c>WebhookRequest</c>).</summary>
internal sealed record WebhookRequestDto(
    string Resource,
    string Target,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WebhookFilterDto>? Filters = null);
