using Asana.Permissions.Sources;
using Asana.Simulator;

namespace Asana.Permissions.Console.Commands;

/// <summary>A handful of permission-relevant changes made in the simulated Asana between the demo's two syncs.</summary>
internal static class Changes
{
    public static IReadOnlyList<string> Apply(SimulatedOrganization organization, WorkspaceData data)
    {
        var applied = new List<string>();
        var memberships = data.WorkspaceMemberships.ToDictionary(m => m.UserGid, StringComparer.Ordinal);
        var users = data.Users.ToDictionary(u => u.Gid, StringComparer.Ordinal);
        var live = data.Projects.Where(p => !p.Archived).ToList();
        var privateProject = live.FirstOrDefault(p => p.PrivacySetting == PrivacySettings.Private);
        var publicProject = live.FirstOrDefault(p => p.PrivacySetting == PrivacySettings.PublicToWorkspace);
        var teamProject = live.FirstOrDefault(p => p.PrivacySetting == PrivacySettings.PrivateToTeam);
        var guest = data.WorkspaceMemberships.FirstOrDefault(m => m.IsActive && m.IsGuest)?.UserGid;
        var member = data.WorkspaceMemberships.FirstOrDefault(m => m.IsActive && !m.IsGuest && !m.IsAdmin
            && data.Tasks.Any(t => t.AssigneeGid == m.UserGid))?.UserGid;

        string Name(string? gid) => gid is not null && users.TryGetValue(gid, out var u) ? u.Name : gid ?? "nobody";

        if (privateProject is not null && guest is not null)
        {
            var task = data.Tasks.FirstOrDefault(t => t.ParentGid is null && t.Memberships.Count == 1 && t.Memberships[0].ProjectGid == privateProject.Gid);
            if (task is not null)
            {
                organization.AddFollower(task.Gid, guest);
                applied.Add($"guest {Name(guest)} added as a collaborator of \"{task.Name}\" in private project \"{privateProject.Name}\"");
            }
        }

        if (teamProject is not null)
        {
            organization.SetProjectPrivacy(teamProject.Gid, PrivacySettings.PublicToWorkspace);
            applied.Add($"project \"{teamProject.Name}\" changed from private_to_team to public_to_workspace");
        }

        if (publicProject is not null && privateProject is not null)
        {
            var task = data.Tasks.FirstOrDefault(t => t.ParentGid is null && t.Memberships.Count == 1 && t.Memberships[0].ProjectGid == publicProject.Gid
                && data.Tasks.Any(s => s.ParentGid == t.Gid));
            if (task is not null)
            {
                organization.MoveTask(task.Gid, publicProject.Gid, privateProject.Gid);
                applied.Add($"task \"{task.Name}\" (with subtasks) moved from public project \"{publicProject.Name}\" to private project \"{privateProject.Name}\"");
            }

            var doomed = data.Tasks.LastOrDefault(t => t.ParentGid is null && t.Memberships.Any(m => m.ProjectGid == publicProject.Gid)
                && data.Tasks.Any(s => s.ParentGid == t.Gid));
            if (doomed is not null && doomed.Gid != task?.Gid)
            {
                organization.DeleteTask(doomed.Gid);
                applied.Add($"task \"{doomed.Name}\" deleted (its subtasks go with it)");
            }

            var added = organization.AddTask(privateProject.Gid, "Quarterly launch review", member, notes: "Agenda: launch metrics, budget, hiring plan.");
            applied.Add($"new task \"Quarterly launch review\" ({added}) in private project \"{privateProject.Name}\", assigned to {Name(member)}");
        }

        if (member is not null)
        {
            organization.DeactivateUser(member);
            applied.Add($"user {Name(member)} deactivated (loses access to everything, assignments included)");
        }

        return applied;
    }
}
