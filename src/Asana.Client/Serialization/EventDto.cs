namespace Asana.Client.Serialization;

/// <summary>Wire shape of an event.</summary>
internal sealed record EventDto(
    ReferenceDto? Resource = null,
    string? Action = null,
    ReferenceDto? Parent = null,
    ReferenceDto? User = null,
    DateTimeOffset? CreatedAt = null,
    EventChangeDto? Change = null);
