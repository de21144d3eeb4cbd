using System.Text.Json;
using Asana.Permissions.Sources;
using Asana.Simulator.Model;

namespace Asana.Simulator.Http;

/// <summary>Portfolios, their memberships and project portfolio settings, in the shapes the OAS gives them.</summary>
internal sealed partial class ResourceWriter
{
    /// <summary>A nested compact reference: <c>{gid, resource_type, name}</c>, as compact records embed them.</summary>
    private static readonly FieldSelection CompactRef = FieldSelection.Parse("resource_type,name")!;

    /// <summary>
    /// A portfolio. Without opt_fields a list gives PortfolioCompact (gid, resource_type, name) and
    /// <c>GET /portfolios/{gid}</c> the full PortfolioResponse less its opt-in fields (<c>archived</c>).
    /// </summary>
    public void Portfolio(Utf8JsonWriter w, SimPortfolio p, FieldSelection? sel, bool full)
    {
        bool Field(string name, bool compact) => sel is null ? compact || full : sel.Has(name);
        w.WriteStartObject();
        w.WriteString("gid", p.Gid);
        if (Field("resource_type", true)) { w.WriteString("resource_type", "portfolio"); }
        if (Field("name", true)) { w.WriteString("name", p.Name); }
        if (Field("created_at", false)) { w.WriteString("created_at", SimulatedOrganization.Timestamp(p.CreatedAt)); }
        if (Field("created_by", false)) { Ref(w, "created_by", p.OwnerGid, "user", sel?.Child("created_by") ?? CompactRef); }
        if (Field("owner", false)) { Ref(w, "owner", p.OwnerGid, "user", sel?.Child("owner") ?? CompactRef); }
        if (Field("members", false))
        {
            // PortfolioResponse.members is an array of UserCompact: user members only.
            w.WriteStartArray("members");
            foreach (var m in p.Members.Where(m => m.Kind == MemberKind.User))
            {
                RefValue(w, m.MemberGid, "user", sel?.Child("members") ?? CompactRef);
            }

            w.WriteEndArray();
        }

        if (Field("workspace", false)) { Ref(w, "workspace", org.WorkspaceGid, "workspace", sel?.Child("workspace") ?? CompactRef); }
        if (Field("default_access_level", false)) { w.WriteString("default_access_level", "editor"); }
        if (Field("privacy_setting", false)) { w.WriteString("privacy_setting", "members_only"); }
        if (Field("public", false)) { w.WriteBoolean("public", false); }
        if (Field("permalink_url", false)) { w.WriteString("permalink_url", $"https://app.asana.com/0/portfolio/{p.Gid}/list"); }
        if (sel is not null && sel.Has("archived")) { w.WriteBoolean("archived", false); }
        w.WriteEndObject();
    }

    /// <summary>A ProjectPortfolioSettingCompact: without opt_fields every compact property; <c>created_at</c> only when asked.</summary>
    public void ProjectPortfolioSetting(Utf8JsonWriter w, SimProjectPortfolioSetting s, FieldSelection? sel)
    {
        bool Field(string name) => sel is null || sel.Has(name);
        w.WriteStartObject();
        w.WriteString("gid", s.Gid);
        if (Field("resource_type")) { w.WriteString("resource_type", "project_portfolio_setting"); }
        if (Field("project")) { Ref(w, "project", s.ProjectGid, "project", sel?.Child("project") ?? CompactRef); }
        if (Field("portfolio")) { Ref(w, "portfolio", s.PortfolioGid, "portfolio", sel?.Child("portfolio") ?? CompactRef); }
        if (Field("is_access_control_inherited")) { w.WriteBoolean("is_access_control_inherited", s.IsAccessControlInherited); }
        if (sel is not null && sel.Has("created_at")) { w.WriteString("created_at", SimulatedOrganization.Timestamp(s.CreatedAt)); }
        w.WriteEndObject();
    }

    /// <summary>
    /// A <c>GET /memberships?parent={portfolio}</c> record (PortfolioMembershipCompactResponse). The OAS lists no
    /// opt_fields for that endpoint but paging ones, so the record is always whole.
    /// </summary>
    public void PortfolioMembership(Utf8JsonWriter w, SimPortfolioMembership m) =>
        CompactMembership(w, m.Gid, m.PortfolioGid, "portfolio", m.MemberGid, m.Kind, m.AccessLevel);

    /// <summary>
    /// A DeprecatedPortfolioMembershipCompact (<c>/portfolio_memberships</c>): without opt_fields gid, resource_type,
    /// user and access_level; <c>portfolio</c> is opt-in.
    /// </summary>
    public void DeprecatedPortfolioMembership(Utf8JsonWriter w, SimPortfolioMembership m, FieldSelection? sel)
    {
        w.WriteStartObject();
        w.WriteString("gid", m.Gid);
        if (Want(sel, "resource_type", true)) { w.WriteString("resource_type", "portfolio_membership"); }
        if (Want(sel, "user", true)) { Ref(w, "user", m.MemberGid, "user", sel?.Child("user") ?? CompactRef); }
        if (Want(sel, "access_level", true)) { w.WriteString("access_level", m.AccessLevel); }
        if (Want(sel, "portfolio")) { Ref(w, "portfolio", m.PortfolioGid, "portfolio", sel!.Child("portfolio")!); }
        w.WriteEndObject();
    }
}
