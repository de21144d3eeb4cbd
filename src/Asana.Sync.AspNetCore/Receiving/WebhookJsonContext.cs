using System.Text.Json.Serialization;

namespace Asana.Sync.AspNetCore.Receiving;

/// <summary>Source-generated metadata for the delivery body: no reflection (trim/AOT safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(WebhookDeliveryDto))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
