using Asana.Permissions.Sources;
using Asana.Simulator.Model;

namespace Asana.Simulator;

/// <summary>State primitives shared by the generator and the public mutations: they record no events.</summary>
public sealed partial class SimulatedOrganization
{
    internal SimUser CreateUser(string name, string email, bool isAdmin, bool isGuest, bool isActive, DateTimeOffset createdAt)
    {
        var user = new SimUser
        {
            Gid = NewGid(), Name = name, Email = email, MembershipGid = NewGid(), UserTaskListGid = NewGid(),
            IsAdmin = isAdmin, IsGuest = isGuest, IsActive = isActive, CreatedAt = createdAt,
        };
        UserList.Add(user);
        UsersByGid.Add(user.Gid, user);
        return user;
    }

    internal SimTeam CreateTeam(string name, string visibility)
    {
        var team = new SimTeam { Gid = NewGid(), Name = name, Visibility = visibility };
        TeamList.Add(team);
        TeamsByGid.Add(team.Gid, team);
        return team;
    }

    internal SimTeamMembership CreateTeamMembership(SimTeam team, SimUser user, bool isAdmin, bool isLimitedAccess = false)
    {
        var existing = team.Members.Find(m => m.UserGid == user.Gid);
        if (existing is not null)
        {
            return existing;
        }

        var membership = new SimTeamMembership { Gid = NewGid(), TeamGid = team.Gid, UserGid = user.Gid, IsGuest = user.IsGuest, IsAdmin = isAdmin, IsLimitedAccess = isLimitedAccess };
        team.Members.Add(membership);
        return membership;
    }

    internal SimProject CreateProject(string name, string privacySetting, string? teamGid, bool archived, string? ownerGid, DateTimeOffset createdAt)
    {
        var project = new SimProject
        {
            Gid = NewGid(), Name = name, PrivacySetting = privacySetting, TeamGid = teamGid, Archived = archived,
            OwnerGid = ownerGid, CreatedAt = createdAt, ModifiedAt = createdAt, Notes = $"What {name} is for.",
        };
        ProjectList.Add(project);
        ProjectsByGid.Add(project.Gid, project);
        return project;
    }

    internal SimProjectMembership CreateProjectMembership(SimProject project, string memberGid, MemberKind kind, string accessLevel)
    {
        var existing = project.Members.Find(m => m.MemberGid == memberGid);
        if (existing is not null)
        {
            return existing;
        }

        var membership = new SimProjectMembership { Gid = NewGid(), ProjectGid = project.Gid, MemberGid = memberGid, Kind = kind, AccessLevel = accessLevel };
        project.Members.Add(membership);
        return membership;
    }

    internal SimSection CreateSection(SimProject project, string name, DateTimeOffset createdAt)
    {
        var section = new SimSection { Gid = NewGid(), Name = name, ProjectGid = project.Gid, CreatedAt = createdAt };
        SectionsByGid.Add(section.Gid, section);
        project.SectionGids.Add(section.Gid);
        return section;
    }

    internal SimTask CreateTask(string name, string notes, string? assigneeGid, IEnumerable<string>? followers, DateTimeOffset createdAt)
    {
        var task = new SimTask { Gid = NewGid(), Ordinal = _nextTaskOrdinal++, Name = name, Notes = notes, AssigneeGid = assigneeGid, CreatedAt = createdAt, ModifiedAt = createdAt };
        AddContent(task, followers);
        if (followers is not null)
        {
            foreach (var f in followers)
            {
                if (!task.Followers.Contains(f))
                {
                    task.Followers.Add(f);
                }
            }
        }

        // Asana makes the assignee a collaborator.
        if (assigneeGid is not null && !task.Followers.Contains(assigneeGid))
        {
            task.Followers.Add(assigneeGid);
        }

        TaskList.Add(task);
        TasksByGid.Add(task.Gid, task);
        IndexAssignee(task, null);
        return task;
    }

    /// <summary>A portfolio; its owner is its first member, an admin (Asana makes the creator a member).</summary>
    internal SimPortfolio CreatePortfolio(string name, SimUser owner, DateTimeOffset createdAt)
    {
        var portfolio = new SimPortfolio { Gid = NewGid(), Name = name, OwnerGid = owner.Gid, CreatedAt = createdAt };
        PortfolioList.Add(portfolio);
        PortfoliosByGid.Add(portfolio.Gid, portfolio);
        CreatePortfolioMembership(portfolio, owner.Gid, MemberKind.User, "admin");
        return portfolio;
    }

    internal SimPortfolioMembership CreatePortfolioMembership(SimPortfolio portfolio, string memberGid, MemberKind kind, string accessLevel)
    {
        var existing = portfolio.Members.Find(m => m.MemberGid == memberGid);
        if (existing is not null)
        {
            return existing;
        }

        var membership = new SimPortfolioMembership { Gid = NewGid(), PortfolioGid = portfolio.Gid, MemberGid = memberGid, Kind = kind, AccessLevel = accessLevel };
        portfolio.Members.Add(membership);
        return membership;
    }

    /// <summary>Puts a project in a portfolio; null when it is already there.</summary>
    internal SimProjectPortfolioSetting? CreateProjectPortfolioSetting(SimPortfolio portfolio, SimProject project, bool inherited, DateTimeOffset createdAt)
    {
        if (portfolio.Items.Exists(s => s.ProjectGid == project.Gid))
        {
            return null;
        }

        var setting = new SimProjectPortfolioSetting
        {
            Gid = NewGid(), PortfolioGid = portfolio.Gid, ProjectGid = project.Gid, IsAccessControlInherited = inherited, CreatedAt = createdAt,
        };
        portfolio.Items.Add(setting);
        PortfolioSettingsByGid.Add(setting.Gid, setting);
        if (!PortfolioSettingsByProject.TryGetValue(project.Gid, out var list))
        {
            list = [];
            PortfolioSettingsByProject.Add(project.Gid, list);
        }

        list.Add(setting);
        return setting;
    }

    internal void RemoveProjectPortfolioSetting(SimProjectPortfolioSetting setting)
    {
        PortfoliosByGid[setting.PortfolioGid].Items.Remove(setting);
        PortfolioSettingsByGid.Remove(setting.Gid);
        if (PortfolioSettingsByProject.TryGetValue(setting.ProjectGid, out var list))
        {
            list.Remove(setting);
            if (list.Count == 0)
            {
                PortfolioSettingsByProject.Remove(setting.ProjectGid);
            }
        }
    }

    /// <summary>Adds a task to a project (at the end), in the given section or the project's first.</summary>
    internal bool PlaceTask(SimTask task, SimProject project, string? sectionGid)
    {
        if (task.Memberships.Exists(m => m.ProjectGid == project.Gid))
        {
            return false;
        }

        if (sectionGid is null)
        {
            if (project.SectionGids.Count == 0)
            {
                CreateSection(project, "Untitled section", task.CreatedAt);
            }

            sectionGid = project.SectionGids[0];
        }
        else if (!project.SectionGids.Contains(sectionGid))
        {
            throw new ArgumentException($"Section {sectionGid} is not in project {project.Gid}.", nameof(sectionGid));
        }

        task.Memberships.Add(new SimPlacement(project.Gid, sectionGid));
        project.TaskGids.Add(task.Gid);
        return true;
    }

    internal static void AttachSubtask(SimTask parent, SimTask child)
    {
        child.ParentGid = parent.Gid;
        parent.Subtasks.Add(child.Gid);
    }

    /// <summary>Depth of a task: 0 for a top-level task, 1 for its subtasks, and so on.</summary>
    internal int Depth(SimTask task)
    {
        var depth = 0;
        while (task.ParentGid is not null && TasksByGid.TryGetValue(task.ParentGid, out var parent))
        {
            depth++;
            task = parent;
        }

        return depth;
    }

    /// <summary>
    /// A task's content beyond permissions, derived from its ordinal (no draw from the seeded random, so adding content
    /// moved no gid of an organization generated before): a creator, a due day or time on some, tags on some.
    /// </summary>
    private static void AddContent(SimTask task, IEnumerable<string>? followers)
    {
        task.CreatedByGid = task.AssigneeGid ?? followers?.FirstOrDefault();
        switch (task.Ordinal % 5)
        {
            case 1:
                task.DueOn = task.CreatedAt.UtcDateTime.Date.AddDays(1 + (task.Ordinal % 28)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                break;
            case 2:
                task.DueAt = new DateTimeOffset(task.CreatedAt.UtcDateTime.Date.AddDays(1 + (task.Ordinal % 28)).AddHours(17), TimeSpan.Zero);
                break;
        }

        switch (task.Ordinal % 7)
        {
            case 0:
                task.TagGids.Add(TagList[0].Gid);
                break;
            case 3:
                task.TagGids.Add(TagList[1].Gid);
                task.TagGids.Add(TagList[2].Gid);
                break;
        }
    }
}
