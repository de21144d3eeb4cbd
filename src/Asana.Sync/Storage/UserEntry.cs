using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Sync.Storage;

/// <summary>A user as stored: its Asana records, its Merge shape and the principal tokens it holds.</summary>
/// <param name="Source">The Asana user.</param>
/// <param name="Membership">Its workspace membership (active, admin, guest).</param>
/// <param name="Model">The Merge user.</param>
/// <param name="PrincipalTokens">The tokens the user holds (empty when inactive).</param>
public sealed record UserEntry(UserRecord Source, WorkspaceMembershipRecord Membership, User Model, IReadOnlyList<string> PrincipalTokens);
