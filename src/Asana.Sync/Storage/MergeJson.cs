using System.Text.Json;
using System.Text;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Sync.Storage;

/// <summary>
/// Writes the Merge-shaped model as JSON (snake_case names such as <c>remote_id</c>, <c>applied_to_users</c>; enums as
/// <c>ALLOWED</c>, <c>INHERITED</c>, <c>PROJECT</c>, <c>LIST</c>) with <see cref="Utf8JsonWriter"/>: no reflection, so
/// it is trimming- and AOT-safe.
/// </summary>
public static class MergeJson
{
    /// <summary>Writes a ticket object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="ticket">The ticket.</param>
    public static void WriteTicket(Utf8JsonWriter writer, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ticket);
        writer.WriteStartObject();
        writer.WriteString("remote_id", ticket.RemoteId);
        writer.WriteString("name", ticket.Name);
        writer.WriteString("ticket_type", ticket.TicketType);
        WriteNullable(writer, "parent_ticket", ticket.ParentTicket);
        WriteList(writer, "collections", ticket.Collections);
        WriteList(writer, "assignees", ticket.Assignees);
        WritePermissions(writer, ticket.Permissions);
        WriteNullable(writer, "remote_updated_at", ticket.RemoteUpdatedAt);
        WriteNullable(writer, "description", ticket.Description);
        writer.WriteString("status", ticket.Status == TicketStatus.Closed ? "CLOSED" : "OPEN");
        WriteNullable(writer, "completed_at", ticket.CompletedAt);
        WriteNullable(writer, "due_date", ticket.DueDate);
        WriteNullable(writer, "creator", ticket.Creator);
        WriteNullable(writer, "ticket_url", ticket.TicketUrl);
        WriteList(writer, "tags", ticket.Tags);
        WriteNullable(writer, "remote_created_at", ticket.RemoteCreatedAt);
        writer.WriteEndObject();
    }

    /// <summary>Writes a collection object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="collection">The collection.</param>
    public static void WriteCollection(Utf8JsonWriter writer, Collection collection)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(collection);
        writer.WriteStartObject();
        writer.WriteString("remote_id", collection.RemoteId);
        writer.WriteString("name", collection.Name);
        writer.WriteString("collection_type", collection.CollectionType == CollectionType.Project ? "PROJECT" : "LIST");
        WriteNullable(writer, "parent_collection", collection.ParentCollection);
        WritePermissions(writer, collection.Permissions);
        WriteNullable(writer, "description", collection.Description);
        writer.WriteString("access_level", collection.AccessLevel switch
        {
            CollectionAccessLevel.Company => "COMPANY",
            CollectionAccessLevel.Public => "PUBLIC",
            CollectionAccessLevel.ParentCollection => "PARENT_COLLECTION",
            _ => "PRIVATE",
        });
        writer.WriteEndObject();
    }

    /// <summary>Writes a user object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="user">The user.</param>
    public static void WriteUser(Utf8JsonWriter writer, User user)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(user);
        writer.WriteStartObject();
        writer.WriteString("remote_id", user.RemoteId);
        writer.WriteString("name", user.Name);
        WriteNullable(writer, "email_address", user.EmailAddress);
        writer.WriteBoolean("is_active", user.IsActive);
        WriteList(writer, "roles", user.Roles);
        WriteList(writer, "teams", user.Teams);
        writer.WriteEndObject();
    }

    /// <summary>Writes a team object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="team">The team.</param>
    public static void WriteTeam(Utf8JsonWriter writer, Team team)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(team);
        writer.WriteStartObject();
        writer.WriteString("remote_id", team.RemoteId);
        writer.WriteString("name", team.Name);
        WriteNullable(writer, "description", team.Description);
        writer.WriteEndObject();
    }

    /// <summary>Writes a comment object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="comment">The comment.</param>
    public static void WriteComment(Utf8JsonWriter writer, Comment comment)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(comment);
        writer.WriteStartObject();
        writer.WriteString("remote_id", comment.RemoteId);
        WriteNullable(writer, "user", comment.User);
        writer.WriteString("body", comment.Body);
        WriteNullable(writer, "html_body", comment.HtmlBody);
        writer.WriteString("ticket", comment.Ticket);
        WriteNullable(writer, "created_at", comment.CreatedAt);
        WritePermissions(writer, comment.Permissions);
        writer.WriteEndObject();
    }

    /// <summary>Writes an attachment object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="attachment">The attachment.</param>
    public static void WriteAttachment(Utf8JsonWriter writer, Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(attachment);
        writer.WriteStartObject();
        writer.WriteString("remote_id", attachment.RemoteId);
        writer.WriteString("file_name", attachment.FileName);
        WriteNullable(writer, "file_url", attachment.FileUrl);
        writer.WriteString("ticket", attachment.Ticket);
        WriteNullable(writer, "created_at", attachment.CreatedAt);
        WritePermissions(writer, attachment.Permissions);
        writer.WriteEndObject();
    }

    /// <summary>Writes a tag object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="tag">The tag.</param>
    public static void WriteTag(Utf8JsonWriter writer, Tag tag)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tag);
        writer.WriteStartObject();
        writer.WriteString("remote_id", tag.RemoteId);
        writer.WriteString("name", tag.Name);
        writer.WriteEndObject();
    }

    /// <summary>Writes a role object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="role">The role.</param>
    public static void WriteRole(Utf8JsonWriter writer, Role role)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(role);
        writer.WriteStartObject();
        writer.WriteString("remote_id", role.RemoteId);
        writer.WriteString("name", role.Name);
        writer.WriteEndObject();
    }

    /// <summary>Writes the workspace object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="workspace">The workspace.</param>
    public static void WriteWorkspace(Utf8JsonWriter writer, WorkspaceRecord workspace)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(workspace);
        writer.WriteStartObject();
        writer.WriteString("remote_id", workspace.Gid);
        writer.WriteString("name", workspace.Name);
        writer.WriteBoolean("is_organization", workspace.IsOrganization);
        writer.WriteEndObject();
    }

    /// <summary>Writes a permission object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="permission">The permission.</param>
    public static void WritePermission(Utf8JsonWriter writer, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(permission);
        writer.WriteStartObject();
        writer.WriteString("effect", permission.Effect == PermissionEffect.Allowed ? "ALLOWED" : "INHERITED");
        WriteList(writer, "actions", permission.Actions);
        WriteList(writer, "applied_to_users", permission.AppliedToUsers);
        WriteList(writer, "applied_to_roles", permission.AppliedToRoles);
        WriteList(writer, "applied_to_teams", permission.AppliedToTeams);
        WriteList(writer, "applied_to_collections", permission.AppliedToCollections);
        WriteList(writer, "applied_to_tickets", permission.AppliedToTickets);
        writer.WriteEndObject();
    }

    /// <summary>Writes the whole Merge-shaped export of one workspace.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="model">The model.</param>
    public static void WriteModel(Utf8JsonWriter writer, Asana.Permissions.MergeModel model)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(model);
        writer.WriteStartObject();
        writer.WritePropertyName("workspace");
        WriteWorkspace(writer, model.Workspace);
        writer.WriteStartArray("roles");
        foreach (var role in model.Roles)
        {
            WriteRole(writer, role);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("users");
        foreach (var user in model.Users)
        {
            WriteUser(writer, user);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("teams");
        foreach (var team in model.Teams)
        {
            WriteTeam(writer, team);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("collections");
        foreach (var collection in model.Collections)
        {
            WriteCollection(writer, collection);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("tickets");
        foreach (var ticket in model.Tickets)
        {
            WriteTicket(writer, ticket);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("tags");
        foreach (var tag in model.Tags)
        {
            WriteTag(writer, tag);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static string ToJson<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } moment)
        {
            writer.WriteString(name, moment);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WritePermissions(Utf8JsonWriter writer, IReadOnlyList<Permission> permissions)
    {
        writer.WriteStartArray("permissions");
        foreach (var permission in permissions)
        {
            WritePermission(writer, permission);
        }

        writer.WriteEndArray();
    }
}
