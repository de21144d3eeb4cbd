using System.Text.Json;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Console.Output;

/// <summary>
/// Writes the Merge-shaped model in the exact names of permission-rules §2 (snake_case, upper-case enums),
/// streaming, so a large workspace never has to fit in one string.
/// </summary>
internal static class MergeJsonWriter
{
    public static void WriteExport(
        Utf8JsonWriter json,
        WorkspaceRecord workspace,
        IEnumerable<Role> roles,
        IEnumerable<User> users,
        IEnumerable<Team> teams,
        IEnumerable<Collection> collections,
        IEnumerable<Ticket> tickets)
    {
        json.WriteStartObject();
        json.WriteStartObject("workspace");
        json.WriteString("remote_id", workspace.Gid);
        json.WriteString("name", workspace.Name);
        json.WriteBoolean("is_organization", workspace.IsOrganization);
        json.WriteEndObject();

        json.WriteStartArray("roles");
        foreach (var role in roles)
        {
            json.WriteStartObject();
            json.WriteString("remote_id", role.RemoteId);
            json.WriteString("name", role.Name);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("users");
        foreach (var user in users)
        {
            json.WriteStartObject();
            json.WriteString("remote_id", user.RemoteId);
            json.WriteString("name", user.Name);
            json.WriteString("email_address", user.EmailAddress);
            json.WriteBoolean("is_active", user.IsActive);
            WriteStrings(json, "roles", user.Roles);
            WriteStrings(json, "teams", user.Teams);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("teams");
        foreach (var team in teams)
        {
            json.WriteStartObject();
            json.WriteString("remote_id", team.RemoteId);
            json.WriteString("name", team.Name);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("collections");
        foreach (var collection in collections)
        {
            json.WriteStartObject();
            json.WriteString("remote_id", collection.RemoteId);
            json.WriteString("name", collection.Name);
            json.WriteString("collection_type", collection.CollectionType == CollectionType.Project ? "PROJECT" : "LIST");
            json.WriteString("parent_collection", collection.ParentCollection);
            WritePermissions(json, collection.Permissions);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("tickets");
        foreach (var ticket in tickets)
        {
            WriteTicket(json, ticket);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteTicket(Utf8JsonWriter json, Ticket ticket)
    {
        json.WriteStartObject();
        json.WriteString("remote_id", ticket.RemoteId);
        json.WriteString("name", ticket.Name);
        json.WriteString("ticket_type", ticket.TicketType);
        json.WriteString("parent_ticket", ticket.ParentTicket);
        WriteStrings(json, "collections", ticket.Collections);
        WriteStrings(json, "assignees", ticket.Assignees);
        if (ticket.RemoteUpdatedAt is { } updated)
        {
            json.WriteString("remote_updated_at", updated);
        }
        else
        {
            json.WriteNull("remote_updated_at");
        }

        WritePermissions(json, ticket.Permissions);
        json.WriteEndObject();
    }

    private static void WritePermissions(Utf8JsonWriter json, IReadOnlyList<Permission> permissions)
    {
        json.WriteStartArray("permissions");
        foreach (var permission in permissions)
        {
            json.WriteStartObject();
            json.WriteString("effect", permission.Effect == PermissionEffect.Allowed ? "ALLOWED" : "INHERITED");
            WriteStrings(json, "actions", permission.Actions);
            WriteStrings(json, "applied_to_users", permission.AppliedToUsers);
            WriteStrings(json, "applied_to_roles", permission.AppliedToRoles);
            WriteStrings(json, "applied_to_teams", permission.AppliedToTeams);
            WriteStrings(json, "applied_to_collections", permission.AppliedToCollections);
            WriteStrings(json, "applied_to_tickets", permission.AppliedToTickets);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
