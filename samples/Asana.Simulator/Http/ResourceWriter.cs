using System.Text.Json;
using Asana.Permissions.Sources;
using Asana.Simulator.Model;

namespace Asana.Simulator.Http;

/// <summary>
/// Writes Asana resources honouring <c>opt_fields</c>: without them, the compact form (gid, resource_type, name);
/// with them, gid plus exactly the requested fields. A nested object requested as a leaf (<c>assignee</c>) is
/// <c>{gid, resource_type}</c>; with sub-fields (<c>assignee.name</c>) it is gid plus those. Callers hold the organization's lock.
/// </summary>
internal sealed partial class ResourceWriter(SimulatedOrganization org)
{
    private static bool Want(FieldSelection? sel, string field, bool compact = false) => sel is null ? compact : sel.Has(field);

    /// <summary>
    /// The user of the request's personal access token, or null (service account): a task then lists only the projects
    /// that user sees ("a collaborator ... will not see the project listed in the task's Project field"). Set by the
    /// API under the organization's lock for one request at a time.
    /// </summary>
    public SimUser? Viewer { get; set; }

    private List<SimPlacement> Placements(SimTask t) =>
        Viewer is null ? t.Memberships : t.Memberships.Where(m => org.CanSeeProject(Viewer, org.ProjectsByGid[m.ProjectGid])).ToList();

    public void Workspace(Utf8JsonWriter w, FieldSelection? sel)
    {
        w.WriteStartObject();
        w.WriteString("gid", org.WorkspaceGid);
        if (Want(sel, "resource_type", true)) { w.WriteString("resource_type", "workspace"); }
        if (Want(sel, "name", true)) { w.WriteString("name", org.WorkspaceName); }
        if (Want(sel, "is_organization")) { w.WriteBoolean("is_organization", org.IsOrganization); }
        if (Want(sel, "email_domains"))
        {
            w.WriteStartArray("email_domains");
            w.WriteStringValue(org.EmailDomain);
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    public void User(Utf8JsonWriter w, SimUser u, FieldSelection? sel)
    {
        w.WriteStartObject();
        w.WriteString("gid", u.Gid);
        if (Want(sel, "resource_type", true)) { w.WriteString("resource_type", "user"); }
        if (Want(sel, "name", true)) { w.WriteString("name", u.Name); }
        if (Want(sel, "email")) { w.WriteString("email", u.Email); }
        if (Want(sel, "photo")) { w.WriteNull("photo"); }
        if (Want(sel, "workspaces"))
        {
            w.WriteStartArray("workspaces");
            RefValue(w, org.WorkspaceGid, "workspace", sel!.Child("workspaces")!);
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    public void WorkspaceMembership(Utf8JsonWriter w, SimUser u, FieldSelection? sel)
    {
        w.WriteStartObject();
        w.WriteString("gid", u.MembershipGid);
        if (Want(sel, "resource_type", true)) { w.WriteString("resource_type", "workspace_membership"); }
        if (Want(sel, "user")) { Ref(w, "user", u.Gid, "user", sel!.Child("user")!); }
        if (Want(sel, "workspace")) { Ref(w, "workspace", org.WorkspaceGid, "workspace", sel!.Child("workspace")!); }
        if (Want(sel, "is_active")) { w.WriteBoolean("is_active", u.IsActive); }
        if (Want(sel, "is_admin")) { w.WriteBoolean("is_admin", u.IsAdmin); }
        if (Want(sel, "is_guest")) { w.WriteBoolean("is_guest", u.IsGuest); }
        if (Want(sel, "is_view_only")) { w.WriteBoolean("is_view_only", false); }
        if (Want(sel, "created_at")) { w.WriteString("created_at", SimulatedOrganization.Timestamp(u.CreatedAt)); }
        if (Want(sel, "user_task_list")) { UserTaskListRef(w, "user_task_list", u, sel!.Child("user_task_list")!); }
        w.WriteEndObject();
    }

    public void Team(Utf8JsonWriter w, SimTeam t, FieldSelection? sel)
    {
        w.WriteStartObject();
        w.WriteString("gid", t.Gid);
        if (Want(sel, "resource_type", true)) { w.WriteString("resource_type", "team"); }
        if (Want(sel, "name", true)) { w.WriteString("name", t.Name); }
        if (Want(sel, "description")) { w.WriteString("description", t.Description ?? ""); }
        if (Want(sel, "visibility")) { w.WriteString("visibility", t.Visibility); }
        if (Want(sel, "organization")) { Ref(w, "organization", org.WorkspaceGid, "workspace", sel!.Child("organization")!); }
        if (Want(sel, "permalink_url")) { w.WriteString("permalink_url", $"https://app.asana.com/0/team/{t.Gid}"); }
        w.WriteEndObject();
    }

    public void TeamMembership(Utf8JsonWriter w, SimTeamMembership m, FieldSelection? sel)
    {
        w.WriteStartObject();
        w.WriteString("gid", m.Gid);
        if (Want(sel, "resource_type", true)) { w.WriteString("resource_type", "team_membership"); }
        if (Want(sel, "user")) { Ref(w, "user", m.UserGid, "user", sel!.Child("user")!); }
        if (Want(sel, "team")) { Ref(w, "team", m.TeamGid, "team", sel!.Child("team")!); }
        if (Want(sel, "is_guest")) { w.WriteBoolean("is_guest", m.IsGuest); }
        if (Want(sel, "is_admin")) { w.WriteBoolean("is_admin", m.IsAdmin); }
        if (Want(sel, "is_limited_access")) { w.WriteBoolean("is_limited_access", m.IsLimitedAccess); }
        w.WriteEndObject();
    }

    public void Project(Utf8JsonWriter w, SimProject p, FieldSelection? sel)
    {
        w.WriteStartObject();
        w.WriteString("gid", p.Gid);
        if (Want(sel, "resource_type", true)) { w.WriteString("resource_type", "project"); }
        if (Want(sel, "name", true)) { w.WriteString("name", p.Name); }
        if (Want(sel, "privacy_setting")) { w.WriteString("privacy_setting", p.PrivacySetting); }
        if (Want(sel, "public")) { w.WriteBoolean("public", p.PrivacySetting == PrivacySettings.PublicToWorkspace); }
        if (Want(sel, "team")) { Ref(w, "team", p.TeamGid, "team", sel!.Child("team")!); }
        if (Want(sel, "archived")) { w.WriteBoolean("archived", p.Archived); }
        if (Want(sel, "notes")) { w.WriteString("notes", p.Notes); }
        if (Want(sel, "completed")) { w.WriteBoolean("completed", false); }
        if (Want(sel, "default_access_level")) { w.WriteString("default_access_level", "editor"); }
        if (Want(sel, "owner")) { Ref(w, "owner", p.OwnerGid, "user", sel!.Child("owner")!); }
        if (Want(sel, "workspace")) { Ref(w, "workspace", org.WorkspaceGid, "workspace", sel!.Child("workspace")!); }
        if (Want(sel, "members"))
        {
            w.WriteStartArray("members");
            foreach (var m in p.Members.Where(m => m.Kind == MemberKind.User))
            {
                RefValue(w, m.MemberGid, "user", sel!.Child("members")!);
            }

            w.WriteEndArray();
        }

        if (Want(sel, "created_at")) { w.WriteString("created_at", SimulatedOrganization.Timestamp(p.CreatedAt)); }
        if (Want(sel, "modified_at")) { w.WriteString("modified_at", SimulatedOrganization.Timestamp(p.ModifiedAt)); }
        if (Want(sel, "permalink_url")) { w.WriteString("permalink_url", $"https://app.asana.com/1/{org.WorkspaceGid}/project/{p.Gid}"); }
        w.WriteEndObject();
    }

    /// <summary>
    /// A <c>/memberships</c> record (resource_type <c>membership</c>, subtype <c>project_membership</c>). Without
    /// <c>opt_fields</c> it is Asana's compact membership (ProjectMembershipCompactResponse): parent, member
    /// (gid, resource_type, name) and access_level, since <c>/memberships</c> declares no opt-in field of its own.
    /// </summary>
    public void Membership(Utf8JsonWriter w, SimProjectMembership m, FieldSelection? sel, bool legacy)
    {
        if (sel is null && !legacy)
        {
            CompactMembership(w, m.Gid, m.ProjectGid, "project", m.MemberGid, m.Kind, m.AccessLevel);
            return;
        }

        w.WriteStartObject();
        w.WriteString("gid", m.Gid);
        if (Want(sel, "resource_type", true)) { w.WriteString("resource_type", legacy ? "project_membership" : "membership"); }
        if (!legacy && Want(sel, "resource_subtype")) { w.WriteString("resource_subtype", "project_membership"); }
        if (Want(sel, "parent")) { Ref(w, "parent", m.ProjectGid, "project", sel!.Child("parent")!); }
        if (legacy && Want(sel, "project")) { Ref(w, "project", m.ProjectGid, "project", sel!.Child("project")!); }
        if (Want(sel, "member")) { Ref(w, "member", m.MemberGid, m.Kind == MemberKind.User ? "user" : "team", sel!.Child("member")!); }
        if (legacy && Want(sel, "user") && m.Kind == MemberKind.User) { Ref(w, "user", m.MemberGid, "user", sel!.Child("user")!); }
        if (Want(sel, "access_level")) { w.WriteString("access_level", m.AccessLevel); }
        w.WriteEndObject();
    }

    /// <summary>
    /// A compact <c>/memberships</c> record, of a project or a portfolio (Project- and PortfolioMembershipCompactResponse
    /// share the shape): gid, resource_type, resource_subtype, parent and member as compact references, access_level.
    /// </summary>
    private void CompactMembership(Utf8JsonWriter w, string gid, string parentGid, string parentType, string memberGid, MemberKind kind, string accessLevel)
    {
        w.WriteStartObject();
        w.WriteString("gid", gid);
        w.WriteString("resource_type", "membership");
        w.WriteString("resource_subtype", $"{parentType}_membership");
        Ref(w, "parent", parentGid, parentType, CompactRef);
        Ref(w, "member", memberGid, kind == MemberKind.User ? "user" : "team", CompactRef);
        w.WriteString("access_level", accessLevel);
        w.WriteEndObject();
    }

    public void Section(Utf8JsonWriter w, SimSection s, FieldSelection? sel)
    {
        w.WriteStartObject();
        w.WriteString("gid", s.Gid);
        if (Want(sel, "resource_type", true)) { w.WriteString("resource_type", "section"); }
        if (Want(sel, "name", true)) { w.WriteString("name", s.Name); }
        if (Want(sel, "project")) { Ref(w, "project", s.ProjectGid, "project", sel!.Child("project")!); }
        if (Want(sel, "projects"))
        {
            w.WriteStartArray("projects");
            RefValue(w, s.ProjectGid, "project", sel!.Child("projects")!);
            w.WriteEndArray();
        }

        if (Want(sel, "created_at")) { w.WriteString("created_at", SimulatedOrganization.Timestamp(s.CreatedAt)); }
        w.WriteEndObject();
    }

    public void Task(Utf8JsonWriter w, SimTask t, FieldSelection? sel)
    {
        w.WriteStartObject();
        w.WriteString("gid", t.Gid);
        if (Want(sel, "resource_type", true)) { w.WriteString("resource_type", "task"); }
        if (Want(sel, "name", true)) { w.WriteString("name", t.Name); }
        if (Want(sel, "resource_subtype", true)) { w.WriteString("resource_subtype", t.ResourceSubtype); }
        if (Want(sel, "notes")) { w.WriteString("notes", t.Notes); }
        if (Want(sel, "completed")) { w.WriteBoolean("completed", t.Completed); }
        if (Want(sel, "completed_at"))
        {
            if (t.CompletedAt is { } c) { w.WriteString("completed_at", SimulatedOrganization.Timestamp(c)); }
            else { w.WriteNull("completed_at"); }
        }

        if (Want(sel, "created_at")) { w.WriteString("created_at", SimulatedOrganization.Timestamp(t.CreatedAt)); }
        if (Want(sel, "modified_at")) { w.WriteString("modified_at", SimulatedOrganization.Timestamp(t.ModifiedAt)); }
        if (Want(sel, "due_on"))
        {
            if (t.DueOn is { } day) { w.WriteString("due_on", day); }
            else { w.WriteNull("due_on"); }
        }

        if (Want(sel, "due_at"))
        {
            if (t.DueAt is { } moment) { w.WriteString("due_at", SimulatedOrganization.Timestamp(moment)); }
            else { w.WriteNull("due_at"); }
        }

        if (Want(sel, "created_by")) { Ref(w, "created_by", t.CreatedByGid, "user", sel!.Child("created_by")!); }
        if (Want(sel, "tags"))
        {
            var tagSel = sel!.Child("tags")!;
            w.WriteStartArray("tags");
            foreach (var tag in t.TagGids.Select(g => SimulatedOrganization.TagList.First(x => x.Gid == g)))
            {
                w.WriteStartObject();
                w.WriteString("gid", tag.Gid);
                w.WriteString("resource_type", "tag");
                if (tagSel.IsLeaf || tagSel.Has("name")) { w.WriteString("name", tag.Name); }
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (Want(sel, "assignee")) { Ref(w, "assignee", t.AssigneeGid, "user", sel!.Child("assignee")!); }
        if (Want(sel, "followers"))
        {
            w.WriteStartArray("followers");
            foreach (var f in t.Followers)
            {
                RefValue(w, f, "user", sel!.Child("followers")!);
            }

            w.WriteEndArray();
        }

        if (Want(sel, "memberships"))
        {
            var ms = sel!.Child("memberships")!;
            w.WriteStartArray("memberships");
            foreach (var m in Placements(t))
            {
                w.WriteStartObject();
                if (ms.IsLeaf || ms.Has("project")) { Ref(w, "project", m.ProjectGid, "project", ms.Child("project") ?? ms); }
                if (ms.IsLeaf || ms.Has("section")) { Ref(w, "section", m.SectionGid, "section", ms.Child("section") ?? ms); }
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (Want(sel, "projects"))
        {
            w.WriteStartArray("projects");
            foreach (var m in Placements(t))
            {
                RefValue(w, m.ProjectGid, "project", sel!.Child("projects")!);
            }

            w.WriteEndArray();
        }

        if (Want(sel, "parent")) { Ref(w, "parent", t.ParentGid, "task", sel!.Child("parent")!); }
        if (Want(sel, "num_subtasks")) { w.WriteNumber("num_subtasks", t.Subtasks.Count); }
        if (Want(sel, "workspace")) { Ref(w, "workspace", org.WorkspaceGid, "workspace", sel!.Child("workspace")!); }
        if (Want(sel, "is_rendered_as_separator")) { w.WriteBoolean("is_rendered_as_separator", false); }
        if (Want(sel, "permalink_url")) { w.WriteString("permalink_url", org.PermalinkUrl(t.Gid)); }
        w.WriteEndObject();
    }

    public void UserTaskList(Utf8JsonWriter w, SimUser u, FieldSelection? sel)
    {
        w.WriteStartObject();
        w.WriteString("gid", u.UserTaskListGid);
        if (Want(sel, "resource_type", true)) { w.WriteString("resource_type", "user_task_list"); }
        if (Want(sel, "name", true)) { w.WriteString("name", $"My tasks in {org.WorkspaceName}"); }
        if (Want(sel, "owner")) { Ref(w, "owner", u.Gid, "user", sel!.Child("owner")!); }
        if (Want(sel, "workspace")) { Ref(w, "workspace", org.WorkspaceGid, "workspace", sel!.Child("workspace")!); }
        w.WriteEndObject();
    }

    /// <summary>An event as <c>GET /events</c> returns it (events ignore opt_fields: full form).</summary>
    public static void Event(Utf8JsonWriter w, SimEvent e)
    {
        w.WriteStartObject();
        w.WritePropertyName("user");
        Compact(w, e.User);
        w.WriteString("created_at", SimulatedOrganization.Timestamp(e.CreatedAt));
        w.WriteString("type", e.Resource.ResourceType);
        w.WriteString("action", e.Action);
        w.WritePropertyName("resource");
        Compact(w, e.Resource);
        w.WritePropertyName("parent");
        Compact(w, e.Parent);
        if (e.Change is { } c)
        {
            w.WriteStartObject("change");
            w.WriteString("field", c.Field);
            w.WriteString("action", c.Action);
            switch (c.Action)
            {
                case "added":
                    w.WritePropertyName("added_value");
                    Compact(w, c.AddedValue);
                    break;
                case "removed":
                    w.WritePropertyName("removed_value");
                    Compact(w, c.RemovedValue);
                    break;
                default:
                    w.WritePropertyName("new_value");
                    Value(w, c.NewValue);
                    break;
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case SimRef r: Compact(w, r); break;
            case bool b: w.WriteBooleanValue(b); break;
            default: w.WriteStringValue(value.ToString()); break;
        }
    }

    private static void Compact(Utf8JsonWriter w, SimRef? r)
    {
        if (r is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("gid", r.Gid);
        w.WriteString("resource_type", r.ResourceType);
        if (r.Name is not null) { w.WriteString("name", r.Name); }
        if (r.ResourceSubtype is not null) { w.WriteString("resource_subtype", r.ResourceSubtype); }
        w.WriteEndObject();
    }

    private void Ref(Utf8JsonWriter w, string property, string? gid, string type, FieldSelection sub)
    {
        w.WritePropertyName(property);
        if (gid is null)
        {
            w.WriteNullValue();
        }
        else
        {
            RefValue(w, gid, type, sub);
        }
    }

    private void RefValue(Utf8JsonWriter w, string gid, string type, FieldSelection sub)
    {
        w.WriteStartObject();
        w.WriteString("gid", gid);
        if (sub.IsLeaf || sub.Has("resource_type")) { w.WriteString("resource_type", type); }
        if (!sub.IsLeaf)
        {
            if (sub.Has("name")) { w.WriteString("name", NameOf(gid, type)); }
            if (type == "user" && sub.Has("email")) { w.WriteString("email", org.UsersByGid.TryGetValue(gid, out var u) ? u.Email : null); }
            if (type == "task" && sub.Has("resource_subtype")) { w.WriteString("resource_subtype", org.TasksByGid.TryGetValue(gid, out var t) ? t.ResourceSubtype : "default_task"); }
        }

        w.WriteEndObject();
    }

    private void UserTaskListRef(Utf8JsonWriter w, string property, SimUser u, FieldSelection sub)
    {
        w.WriteStartObject(property);
        w.WriteString("gid", u.UserTaskListGid);
        if (sub.IsLeaf || sub.Has("resource_type")) { w.WriteString("resource_type", "user_task_list"); }
        if (sub.Has("name")) { w.WriteString("name", $"My tasks in {org.WorkspaceName}"); }
        w.WriteEndObject();
    }

    private string? NameOf(string gid, string type) => type switch
    {
        "user" => org.UsersByGid.GetValueOrDefault(gid)?.Name,
        "team" => org.TeamsByGid.GetValueOrDefault(gid)?.Name,
        "project" => org.ProjectsByGid.GetValueOrDefault(gid)?.Name,
        "section" => org.SectionsByGid.GetValueOrDefault(gid)?.Name,
        "task" => org.TasksByGid.GetValueOrDefault(gid)?.Name,
        "portfolio" => org.PortfoliosByGid.GetValueOrDefault(gid)?.Name,
        "workspace" => org.WorkspaceName,
        _ => null,
    };
}
