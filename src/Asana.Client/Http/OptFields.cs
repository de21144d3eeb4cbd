namespace Asana.Client.Http;

/// <summary>
/// The <c>opt_fields</c> sent per endpoint: exactly what the returned model needs, and only values Asana's OpenAPI
/// description declares for that endpoint (the spec conformance test checks it). Without them Asana returns compact
/// records (gid, resource_type, name). Nested objects always include their <c>gid</c>. <c>GET /memberships</c> gets
/// none: it declares no field of its own, and its compact record already carries parent, member (with its
/// resource_type) and access_level.
/// </summary>
internal static class OptFields
{
    public const string Workspace = "name,is_organization,email_domains";
    public const string User = "name,email";
    public const string WorkspaceMembership = "user,is_active,is_admin,is_guest";
    public const string Team = "name,visibility,description";
    public const string TeamMembership = "user,team,is_guest,is_admin,is_limited_access";
    public const string Project = "name,privacy_setting,team,archived,modified_at,notes";
    public const string Portfolio = "name";
    public const string ProjectPortfolioSetting = "project,portfolio,is_access_control_inherited";
    public const string Section = "name,project";

    /// <summary>Webhook reads and creation: what the registrar reconciles by (resource, target, filters, health).</summary>
    public const string Webhook = "active,resource,resource.name,target,filters,filters.action,filters.resource_subtype,filters.fields,created_at,last_success_at,last_failure_at";

    /// <summary>Every task read, search included (search results are paged by <c>created_at</c>).</summary>
    public const string Task =
        "name,notes,assignee,followers,memberships.project,memberships.section,parent,num_subtasks,modified_at,completed,resource_subtype,created_at,completed_at,due_on,due_at,created_by,permalink_url,tags.name";
}
