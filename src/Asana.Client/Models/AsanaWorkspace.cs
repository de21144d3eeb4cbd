using System.Text;
using Asana.Shared;

namespace Asana.Client.Models;

/// <summary>A workspace or organization.</summary>
/// <param name="Gid">The workspace gid.</param>
/// <param name="Name">The name.</param>
/// <param name="IsOrganization">True for an organization (teams, guests).</param>
/// <param name="EmailDomains">The organization's email domains.</param>
public sealed record AsanaWorkspace(string Gid, string? Name, bool IsOrganization, IReadOnlyList<string>? EmailDomains = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Gid = ").Append(Gid)
            .Append(", Name = ").Append(Name)
            .Append(", IsOrganization = ").Append(IsOrganization)
            .Append(", EmailDomains = ").AppendList(EmailDomains);
        return true;
    }
}
