namespace Asana.Sync.Internal.Planning;

/// <summary>What the project event streams say, the last action per task winning.</summary>
/// <param name="Deleted">Tasks whose last event is a deletion.</param>
/// <param name="Reported">Tasks named by any other last event: re-read.</param>
/// <param name="SectionReloads">Projects with a section event: their sections are listed again.</param>
internal sealed record EventOutcome(
    IReadOnlySet<string> Deleted,
    IReadOnlySet<string> Reported,
    IReadOnlySet<string> SectionReloads);
