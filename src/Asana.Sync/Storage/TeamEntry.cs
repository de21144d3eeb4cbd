using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Sync.Storage;

/// <summary>A team as stored.</summary>
/// <param name="Source">The Asana team.</param>
/// <param name="Memberships">Its members, guests included.</param>
/// <param name="Model">The Merge team.</param>
public sealed record TeamEntry(TeamRecord Source, IReadOnlyList<TeamMembershipRecord> Memberships, Team Model);
