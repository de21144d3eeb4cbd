using System.Text.Json.Serialization;

namespace Asana.Client.Serialization;

/// <summary>
/// Source-generated metadata for every wire type: no reflection (trim/AOT safe). Asana's snake_case comes from the
/// naming policy; Asana-owned value sets are plain strings in the DTOs, so a new enum value never breaks reading.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(DataEnvelope<WorkspaceDto>))]
[JsonSerializable(typeof(DataEnvelope<ProjectDto>))]
[JsonSerializable(typeof(DataEnvelope<TaskDto>))]
[JsonSerializable(typeof(DataEnvelope<WebhookDto>))]
[JsonSerializable(typeof(DataEnvelope<WebhookRequestDto>))]
[JsonSerializable(typeof(ListEnvelope<WorkspaceDto>))]
[JsonSerializable(typeof(ListEnvelope<UserDto>))]
[JsonSerializable(typeof(ListEnvelope<WorkspaceMembershipDto>))]
[JsonSerializable(typeof(ListEnvelope<TeamDto>))]
[JsonSerializable(typeof(ListEnvelope<TeamMembershipDto>))]
[JsonSerializable(typeof(ListEnvelope<ProjectDto>))]
[JsonSerializable(typeof(ListEnvelope<MembershipDto>))]
[JsonSerializable(typeof(ListEnvelope<SectionDto>))]
[JsonSerializable(typeof(ListEnvelope<TaskDto>))]
[JsonSerializable(typeof(ListEnvelope<PortfolioDto>))]
[JsonSerializable(typeof(ListEnvelope<ProjectPortfolioSettingDto>))]
[JsonSerializable(typeof(ListEnvelope<WebhookDto>))]
[JsonSerializable(typeof(SearchEnvelope))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(EventsEnvelope))]
internal sealed partial class AsanaJsonContext : JsonSerializerContext;
