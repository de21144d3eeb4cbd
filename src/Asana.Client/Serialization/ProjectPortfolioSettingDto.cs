namespace Asana.Client.Serialization;

/// <summary>Wire shape of a project portfolio setting.</summary>
internal sealed record ProjectPortfolioSettingDto(
    string? Gid,
    ReferenceDto? Project = null,
    ReferenceDto? Portfolio = null,
    bool? IsAccessControlInherited = null);
