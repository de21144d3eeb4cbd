using Asana.Permissions.Sources;
using Asana.Simulator.Model;

namespace Asana.Simulator;

/// <summary>
/// Mutations. Each one changes the state and appends Asana-style events (<c>resource</c>, <c>action</c> =
/// added/removed/changed/deleted, <c>parent</c>, <c>created_at</c>, <c>change</c>) to the streams of what it touched:
/// a task event goes to the task, its parent, the task's projects and its parent's projects (one level of bubbling,
/// as Asana's Events documentation describes: a sub-subtask's change reaches no project stream); project events to
/// the project (and its team); team membership events to the team; every event also to the workspace stream.
/// </summary>
public sealed partial class SimulatedOrganization
{
    private string? _actingUserGid;

    /// <summary>The user named as <c>user</c> on the events of later mutations; null (the default) for system events.</summary>
    public string? ActingUserGid
    {
        get { lock (Gate) { return _actingUserGid; } }
        set { lock (Gate) { _actingUserGid = value; } }
    }

    /// <summary>Adds a task at the end of a project.</summary>
    /// <param name="projectGid">The project.</param>
    /// <param name="name">The task name.</param>
    /// <param name="assigneeGid">The assignee (also made a follower, as Asana does), or null.</param>
    /// <param name="followerGids">Followers (collaborators).</param>
    /// <param name="notes">The description.</param>
    /// <param name="sectionGid">The section; the project's first when null.</param>
    /// <returns>The new task's gid.</returns>
    public string AddTask(string projectGid, string name, string? assigneeGid = null, IEnumerable<string>? followerGids = null, string? notes = null, string? sectionGid = null)
    {
        lock (Gate)
        {
            var project = RequireProject(projectGid);
            CheckUsers(assigneeGid, followerGids);
            var task = CreateTask(name, notes ?? "", assigneeGid, followerGids, Now());
            PlaceTask(task, project, sectionGid);
            Emit(TaskRef(task), "added", ProjectRef(project), null, TaskStreams(task), task.CreatedAt);
            return task.Gid;
        }
    }

    /// <summary>Adds a task in no project (a "My tasks" task): visible to its assignee and followers only.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="assigneeGid">The assignee, or null for a task that is only followed.</param>
    /// <param name="followerGids">Followers.</param>
    /// <param name="notes">The description.</param>
    /// <returns>The new task's gid.</returns>
    public string AddProjectlessTask(string name, string? assigneeGid, IEnumerable<string>? followerGids = null, string? notes = null)
    {
        lock (Gate)
        {
            CheckUsers(assigneeGid, followerGids);
            var task = CreateTask(name, notes ?? "", assigneeGid, followerGids, Now());
            Emit(TaskRef(task), "added", null, null, TaskStreams(task), task.CreatedAt);
            return task.Gid;
        }
    }

    /// <summary>Adds a subtask under a task or subtask (in no project).</summary>
    /// <param name="parentGid">The parent task.</param>
    /// <param name="name">The subtask name.</param>
    /// <param name="assigneeGid">The assignee, or null.</param>
    /// <param name="followerGids">Followers.</param>
    /// <param name="notes">The description.</param>
    /// <returns>The new subtask's gid.</returns>
    public string AddSubtask(string parentGid, string name, string? assigneeGid = null, IEnumerable<string>? followerGids = null, string? notes = null)
    {
        lock (Gate)
        {
            var parent = RequireTask(parentGid);
            CheckUsers(assigneeGid, followerGids);
            var task = CreateTask(name, notes ?? "", assigneeGid, followerGids, Now());
            AttachSubtask(parent, task);
            Emit(TaskRef(task), "added", TaskRef(parent), null, TaskStreams(task), task.CreatedAt);
            return task.Gid;
        }
    }

    /// <summary>Changes a task's name, notes or completion; one <c>changed</c> event per field that changes.</summary>
    /// <param name="taskGid">The task.</param>
    /// <param name="name">The new name, or null to keep it.</param>
    /// <param name="notes">The new notes, or null to keep them.</param>
    /// <param name="completed">The new completion state, or null to keep it.</param>
    public void UpdateTask(string taskGid, string? name = null, string? notes = null, bool? completed = null)
    {
        lock (Gate)
        {
            var task = RequireTask(taskGid);
            var now = Now();
            if (name is not null && name != task.Name)
            {
                task.Name = name;
                TaskChanged(task, new SimChange("name", "changed", name), now);
            }

            if (notes is not null && notes != task.Notes)
            {
                task.Notes = notes;
                TaskChanged(task, new SimChange("notes", "changed", notes), now);
            }

            if (completed is { } c && c != task.Completed)
            {
                task.Completed = c;
                task.CompletedAt = c ? now : null;
                TaskChanged(task, new SimChange("completed", "changed", c), now);
            }
        }
    }

    /// <summary>Sets or clears the assignee (a new assignee also becomes a follower, as in Asana).</summary>
    /// <param name="taskGid">The task.</param>
    /// <param name="assigneeGid">The new assignee, or null.</param>
    public void SetAssignee(string taskGid, string? assigneeGid)
    {
        lock (Gate)
        {
            var task = RequireTask(taskGid);
            CheckUsers(assigneeGid, null);
            if (task.AssigneeGid == assigneeGid)
            {
                return;
            }

            var now = Now();
            var previous = task.AssigneeGid;
            task.AssigneeGid = assigneeGid;
            IndexAssignee(task, previous);
            TaskChanged(task, new SimChange("assignee", "changed", assigneeGid is null ? null : UserRef(RequireUser(assigneeGid))), now);
            if (assigneeGid is not null && !task.Followers.Contains(assigneeGid))
            {
                task.Followers.Add(assigneeGid);
                TaskChanged(task, new SimChange("followers", "added", AddedValue: UserRef(RequireUser(assigneeGid))), now);
            }
        }
    }

    /// <summary>Replaces the followers; one added/removed event per difference.</summary>
    /// <param name="taskGid">The task.</param>
    /// <param name="followerGids">The new followers.</param>
    public void SetFollowers(string taskGid, IEnumerable<string> followerGids)
    {
        ArgumentNullException.ThrowIfNull(followerGids);
        lock (Gate)
        {
            var task = RequireTask(taskGid);
            var wanted = followerGids.Distinct(StringComparer.Ordinal).ToList();
            CheckUsers(null, wanted);
            var now = Now();
            foreach (var gone in task.Followers.Where(f => !wanted.Contains(f)).ToList())
            {
                task.Followers.Remove(gone);
                TaskChanged(task, new SimChange("followers", "removed", RemovedValue: UserRef(RequireUser(gone))), now);
            }

            foreach (var added in wanted.Where(f => !task.Followers.Contains(f)))
            {
                task.Followers.Add(added);
                TaskChanged(task, new SimChange("followers", "added", AddedValue: UserRef(RequireUser(added))), now);
            }
        }
    }

    /// <summary>Adds a follower (collaborator).</summary>
    /// <param name="taskGid">The task.</param>
    /// <param name="userGid">The user.</param>
    public void AddFollower(string taskGid, string userGid)
    {
        lock (Gate)
        {
            var task = RequireTask(taskGid);
            var user = RequireUser(userGid);
            if (!task.Followers.Contains(userGid))
            {
                task.Followers.Add(userGid);
                TaskChanged(task, new SimChange("followers", "added", AddedValue: UserRef(user)), Now());
            }
        }
    }

    /// <summary>Removes a follower (collaborator).</summary>
    /// <param name="taskGid">The task.</param>
    /// <param name="userGid">The user.</param>
    public void RemoveFollower(string taskGid, string userGid)
    {
        lock (Gate)
        {
            var task = RequireTask(taskGid);
            var user = RequireUser(userGid);
            if (task.Followers.Remove(userGid))
            {
                TaskChanged(task, new SimChange("followers", "removed", RemovedValue: UserRef(user)), Now());
            }
        }
    }

    /// <summary>Moves a task from one project to another: a <c>removed</c> event (parent: the old project) and an <c>added</c> one.</summary>
    /// <param name="taskGid">The task.</param>
    /// <param name="fromProjectGid">The project it leaves.</param>
    /// <param name="toProjectGid">The project it joins.</param>
    /// <param name="sectionGid">The section in the new project; its first when null.</param>
    public void MoveTask(string taskGid, string fromProjectGid, string toProjectGid, string? sectionGid = null)
    {
        lock (Gate)
        {
            var task = RequireTask(taskGid);
            RequireProject(toProjectGid);
            var now = Now();
            RemoveFromProjectCore(task, RequireProject(fromProjectGid), now);
            AddToProjectCore(task, RequireProject(toProjectGid), sectionGid, now);
        }
    }

    /// <summary>Adds a task (or subtask) to one more project (multi-homing).</summary>
    /// <param name="taskGid">The task.</param>
    /// <param name="projectGid">The project.</param>
    /// <param name="sectionGid">The section; the project's first when null.</param>
    public void AddTaskToProject(string taskGid, string projectGid, string? sectionGid = null)
    {
        lock (Gate)
        {
            AddToProjectCore(RequireTask(taskGid), RequireProject(projectGid), sectionGid, Now());
        }
    }

    /// <summary>Removes a task from a project (it stays in its other projects, or becomes project-less).</summary>
    /// <param name="taskGid">The task.</param>
    /// <param name="projectGid">The project.</param>
    public void RemoveTaskFromProject(string taskGid, string projectGid)
    {
        lock (Gate)
        {
            RemoveFromProjectCore(RequireTask(taskGid), RequireProject(projectGid), Now());
        }
    }

    /// <summary>Moves a task to another section of a project it is in (<c>added</c> with the section as parent).</summary>
    /// <param name="taskGid">The task.</param>
    /// <param name="sectionGid">The section.</param>
    public void MoveTaskToSection(string taskGid, string sectionGid)
    {
        lock (Gate)
        {
            var task = RequireTask(taskGid);
            var section = SectionsByGid.TryGetValue(sectionGid, out var s) ? s : throw new ArgumentException($"Unknown section {sectionGid}.", nameof(sectionGid));
            var index = task.Memberships.FindIndex(m => m.ProjectGid == section.ProjectGid);
            if (index < 0)
            {
                throw new InvalidOperationException($"Task {taskGid} is not in project {section.ProjectGid}.");
            }

            var now = Now();
            task.Memberships[index] = new SimPlacement(section.ProjectGid, sectionGid);
            task.AssociationsModifiedAt = now;
            Emit(TaskRef(task), "added", new SimRef(section.Gid, "section", section.Name), null, TaskStreams(task), now);
        }
    }

    /// <summary>Deletes a task and, with it, all its subtasks (a <c>deleted</c> event for each, deepest first).</summary>
    /// <param name="taskGid">The task.</param>
    public void DeleteTask(string taskGid)
    {
        lock (Gate)
        {
            DeleteTaskCore(RequireTask(taskGid), Now());
        }
    }

    /// <summary>Adds a project (with one section, "Untitled section") and optional user or team members.</summary>
    /// <param name="name">The project name.</param>
    /// <param name="privacySetting">See <see cref="PrivacySettings"/>.</param>
    /// <param name="teamGid">The project's team (organizations), or null.</param>
    /// <param name="memberGids">User or team gids to add as members.</param>
    /// <returns>The new project's gid.</returns>
    public string AddProject(string name, string privacySetting, string? teamGid = null, IEnumerable<string>? memberGids = null)
    {
        lock (Gate)
        {
            if (teamGid is not null)
            {
                RequireTeam(teamGid);
            }

            var now = Now();
            var project = CreateProject(name, privacySetting, teamGid, false, null, now);
            CreateSection(project, "Untitled section", now);
            Emit(ProjectRef(project), "added", teamGid is null ? WorkspaceRef() : TeamRef(RequireTeam(teamGid)), null, ProjectStreams(project), now);
            foreach (var member in memberGids ?? [])
            {
                AddProjectMemberCore(project, member, now);
            }

            return project.Gid;
        }
    }

    /// <summary>Adds a section to a project.</summary>
    /// <param name="projectGid">The project.</param>
    /// <param name="name">The section name.</param>
    /// <returns>The new section's gid.</returns>
    public string AddSection(string projectGid, string name)
    {
        lock (Gate)
        {
            var project = RequireProject(projectGid);
            var now = Now();
            var section = CreateSection(project, name, now);
            Emit(new SimRef(section.Gid, "section", section.Name), "added", ProjectRef(project), null, ProjectStreams(project), now);
            return section.Gid;
        }
    }

    /// <summary>
    /// Deletes a project: its sections go, its tasks lose it, and tasks left in no project (and not subtasks) are
    /// deleted with their subtasks, as Asana does.
    /// </summary>
    /// <param name="projectGid">The project.</param>
    public void DeleteProject(string projectGid)
    {
        lock (Gate)
        {
            var project = RequireProject(projectGid);
            var now = Now();
            var streams = ProjectStreams(project);
            foreach (var taskGid in project.TaskGids.ToList())
            {
                // A subtask in the project too may already have gone with its deleted parent.
                if (!TasksByGid.TryGetValue(taskGid, out var task))
                {
                    continue;
                }

                task.Memberships.RemoveAll(m => m.ProjectGid == project.Gid);
                task.AssociationsModifiedAt = now;
                if (task.Memberships.Count == 0 && task.ParentGid is null)
                {
                    // The project's own stream hears of its tasks and their direct subtasks going, nothing deeper.
                    DeleteTaskCore(task, now, formerProjectGid: project.Gid);
                }
            }

            foreach (var section in project.SectionGids)
            {
                SectionsByGid.Remove(section);
            }

            // It leaves its portfolios too; their streams hear of the deletion.
            foreach (var setting in PortfolioSettingsByProject.GetValueOrDefault(project.Gid, []).ToList())
            {
                streams.Add(setting.PortfolioGid);
                RemoveProjectPortfolioSetting(setting);
            }

            ProjectList.Remove(project);
            ProjectsByGid.Remove(project.Gid);
            Emit(ProjectRef(project), "deleted", null, null, streams, now);
        }
    }

    /// <summary>Changes a project's privacy setting.</summary>
    /// <param name="projectGid">The project.</param>
    /// <param name="privacySetting">See <see cref="PrivacySettings"/>.</param>
    public void SetProjectPrivacy(string projectGid, string privacySetting)
    {
        lock (Gate)
        {
            var project = RequireProject(projectGid);
            if (project.PrivacySetting != privacySetting)
            {
                project.PrivacySetting = privacySetting;
                ProjectChanged(project, new SimChange("privacy_setting", "changed", privacySetting), Now());
            }
        }
    }

    /// <summary>Sets or clears a project's team (<c>project.team</c>).</summary>
    /// <param name="projectGid">The project.</param>
    /// <param name="teamGid">The team, or null.</param>
    public void SetProjectTeam(string projectGid, string? teamGid)
    {
        lock (Gate)
        {
            var project = RequireProject(projectGid);
            var team = teamGid is null ? null : RequireTeam(teamGid);
            if (project.TeamGid != teamGid)
            {
                var streams = ProjectStreams(project);
                project.TeamGid = teamGid;
                streams.UnionWith(ProjectStreams(project));
                var now = Now();
                project.ModifiedAt = now;
                Emit(ProjectRef(project), "changed", null, new SimChange("team", "changed", team is null ? null : TeamRef(team)), streams, now);
            }
        }
    }

    /// <summary>Archives or unarchives a project (its rules do not change).</summary>
    /// <param name="projectGid">The project.</param>
    /// <param name="archived">The new state.</param>
    public void SetProjectArchived(string projectGid, bool archived)
    {
        lock (Gate)
        {
            var project = RequireProject(projectGid);
            if (project.Archived != archived)
            {
                project.Archived = archived;
                ProjectChanged(project, new SimChange("archived", "changed", archived), Now());
            }
        }
    }

    /// <summary>Adds a user or a team as a member of a project (a <c>project_membership</c> <c>added</c> event).</summary>
    /// <param name="projectGid">The project.</param>
    /// <param name="memberGid">A user gid or a team gid.</param>
    public void AddProjectMember(string projectGid, string memberGid)
    {
        lock (Gate)
        {
            AddProjectMemberCore(RequireProject(projectGid), memberGid, Now());
        }
    }

    /// <summary>Removes a user or team member from a project (a <c>project_membership</c> <c>removed</c> event).</summary>
    /// <param name="projectGid">The project.</param>
    /// <param name="memberGid">A user gid or a team gid.</param>
    public void RemoveProjectMember(string projectGid, string memberGid)
    {
        lock (Gate)
        {
            var project = RequireProject(projectGid);
            var membership = project.Members.Find(m => m.MemberGid == memberGid);
            if (membership is null)
            {
                return;
            }

            project.Members.Remove(membership);
            var now = Now();
            Emit(new SimRef(membership.Gid, "project_membership", null), "removed", ProjectRef(project), null, ProjectStreams(project), now);
        }
    }

    /// <summary>Adds a user to a team (a guest stays a guest in the team).</summary>
    /// <param name="teamGid">The team.</param>
    /// <param name="userGid">The user.</param>
    /// <param name="isAdmin">Team admin.</param>
    /// <param name="isLimitedAccess">
    /// A limited-access member: sees only the team's projects and tasks they are added to themselves (no team-derived grant).
    /// </param>
    public void AddTeamMember(string teamGid, string userGid, bool isAdmin = false, bool isLimitedAccess = false)
    {
        lock (Gate)
        {
            var team = RequireTeam(teamGid);
            var user = RequireUser(userGid);
            if (team.Members.Exists(m => m.UserGid == userGid))
            {
                return;
            }

            var membership = CreateTeamMembership(team, user, isAdmin, isLimitedAccess);
            Emit(new SimRef(membership.Gid, "team_membership", null), "added", TeamRef(team), null, [team.Gid], Now());
        }
    }

    /// <summary>Makes a team member limited-access or a full member again (a <c>changed</c> event on the team's stream).</summary>
    /// <param name="teamGid">The team.</param>
    /// <param name="userGid">A member of the team.</param>
    /// <param name="isLimitedAccess">The new value of <c>is_limited_access</c>.</param>
    public void SetTeamMemberLimitedAccess(string teamGid, string userGid, bool isLimitedAccess)
    {
        lock (Gate)
        {
            var team = RequireTeam(teamGid);
            var membership = team.Members.Find(m => m.UserGid == userGid)
                ?? throw new ArgumentException($"User {userGid} is not a member of team {teamGid}.", nameof(userGid));
            if (membership.IsLimitedAccess == isLimitedAccess)
            {
                return;
            }

            membership.IsLimitedAccess = isLimitedAccess;
            Emit(new SimRef(membership.Gid, "team_membership", null), "changed", TeamRef(team),
                new SimChange("is_limited_access", "changed", isLimitedAccess), [team.Gid], Now());
        }
    }

    /// <summary>Removes a user from a team.</summary>
    /// <param name="teamGid">The team.</param>
    /// <param name="userGid">The user.</param>
    public void RemoveTeamMember(string teamGid, string userGid)
    {
        lock (Gate)
        {
            var team = RequireTeam(teamGid);
            var membership = team.Members.Find(m => m.UserGid == userGid);
            if (membership is null)
            {
                return;
            }

            team.Members.Remove(membership);
            Emit(new SimRef(membership.Gid, "team_membership", null), "removed", TeamRef(team), null, [team.Gid], Now());
        }
    }

    /// <summary>Adds a team (organizations only).</summary>
    /// <param name="name">The team name.</param>
    /// <returns>The new team's gid.</returns>
    public string AddTeam(string name)
    {
        lock (Gate)
        {
            if (!IsOrganization)
            {
                throw new InvalidOperationException("A plain workspace has no teams.");
            }

            var team = CreateTeam(name, "public");
            Emit(TeamRef(team), "added", WorkspaceRef(), null, [team.Gid], Now());
            return team.Gid;
        }
    }

    /// <summary>Adds a user to the workspace.</summary>
    /// <param name="name">The display name.</param>
    /// <param name="email">The email address.</param>
    /// <param name="isAdmin">Workspace admin.</param>
    /// <param name="isGuest">Organization guest (organizations only).</param>
    /// <param name="pendingInvitation">
    /// Invited but not yet joined. The API reports such a user exactly like a member (<c>is_active: true</c>), and the
    /// oracle treats them as active.
    /// </param>
    /// <returns>The new user's gid.</returns>
    public string AddUser(string name, string email, bool isAdmin = false, bool isGuest = false, bool pendingInvitation = false)
    {
        lock (Gate)
        {
            if (isGuest && !IsOrganization)
            {
                throw new InvalidOperationException("A plain workspace has no guests.");
            }

            var now = Now();
            var user = CreateUser(name, email, isAdmin, isGuest, true, now);
            user.IsPendingInvitation = pendingInvitation;
            Emit(new SimRef(user.MembershipGid, "workspace_membership", null), "added", WorkspaceRef(), null, [], now);
            return user.Gid;
        }
    }

    /// <summary>Deactivates a user (<c>is_active: false</c>): they then see nothing, but stay assignee, follower and member.</summary>
    /// <param name="userGid">The user.</param>
    public void DeactivateUser(string userGid) => SetActive(userGid, false);

    /// <summary>Reactivates a deactivated user.</summary>
    /// <param name="userGid">The user.</param>
    public void ReactivateUser(string userGid) => SetActive(userGid, true);

    private void SetActive(string userGid, bool active)
    {
        lock (Gate)
        {
            var user = RequireUser(userGid);
            if (user.IsActive == active)
            {
                return;
            }

            user.IsActive = active;
            var streams = TeamList.Where(t => t.Members.Exists(m => m.UserGid == userGid)).Select(t => t.Gid);
            // Asana's events know memberships only as added or removed: deactivating a user removes them from the
            // workspace, reactivating adds them back.
            Emit(new SimRef(user.MembershipGid, "workspace_membership", null), active ? "added" : "removed", null,
                null, streams, Now());
        }
    }

    private void AddProjectMemberCore(SimProject project, string memberGid, DateTimeOffset now)
    {
        MemberKind kind;
        if (UsersByGid.ContainsKey(memberGid))
        {
            kind = MemberKind.User;
        }
        else if (TeamsByGid.ContainsKey(memberGid))
        {
            kind = MemberKind.Team;
        }
        else
        {
            throw new ArgumentException($"Unknown user or team {memberGid}.", nameof(memberGid));
        }

        if (project.Members.Exists(m => m.MemberGid == memberGid))
        {
            return;
        }

        var membership = CreateProjectMembership(project, memberGid, kind, "editor");
        Emit(new SimRef(membership.Gid, "project_membership", null), "added", ProjectRef(project), null, ProjectStreams(project), now);
    }

    private void AddToProjectCore(SimTask task, SimProject project, string? sectionGid, DateTimeOffset now)
    {
        if (PlaceTask(task, project, sectionGid))
        {
            task.AssociationsModifiedAt = now;
            Emit(TaskRef(task), "added", ProjectRef(project), null, TaskStreams(task), now);
        }
    }

    private void RemoveFromProjectCore(SimTask task, SimProject project, DateTimeOffset now)
    {
        var streams = TaskStreams(task);
        if (task.Memberships.RemoveAll(m => m.ProjectGid == project.Gid) == 0)
        {
            throw new InvalidOperationException($"Task {task.Gid} is not in project {project.Gid}.");
        }

        project.TaskGids.Remove(task.Gid);
        task.AssociationsModifiedAt = now;
        Emit(TaskRef(task), "removed", ProjectRef(project), null, streams, now);
    }

    /// <summary>Deletes a task and its subtree, deepest first.</summary>
    /// <param name="task">The task.</param>
    /// <param name="now">The timestamp.</param>
    /// <param name="formerProjectGid">A project the task has just left (being deleted): its stream also hears of the task and its direct subtasks.</param>
    /// <param name="depth">The depth below the task where the deletion started.</param>
    private void DeleteTaskCore(SimTask task, DateTimeOffset now, string? formerProjectGid = null, int depth = 0)
    {
        foreach (var child in task.Subtasks.ToList())
        {
            DeleteTaskCore(TasksByGid[child], now, formerProjectGid, depth + 1);
        }

        var streams = TaskStreams(task);
        if (formerProjectGid is not null && depth <= 1)
        {
            streams.Add(formerProjectGid);
        }

        foreach (var placement in task.Memberships)
        {
            if (ProjectsByGid.TryGetValue(placement.ProjectGid, out var project))
            {
                project.TaskGids.Remove(task.Gid);
            }
        }

        if (task.ParentGid is not null && TasksByGid.TryGetValue(task.ParentGid, out var parent))
        {
            parent.Subtasks.Remove(task.Gid);
        }

        TasksByGid.Remove(task.Gid);
        TaskList.Remove(task);
        UnindexAssignee(task, task.AssigneeGid);
        DeletedTaskGids.Add(task.Gid);
        Emit(TaskRef(task), "deleted", null, null, streams, now);
    }

    private void TaskChanged(SimTask task, SimChange change, DateTimeOffset now)
    {
        task.ModifiedAt = now;
        Emit(TaskRef(task), "changed", null, change, TaskStreams(task), now);
    }

    private void ProjectChanged(SimProject project, SimChange change, DateTimeOffset now)
    {
        project.ModifiedAt = now;
        Emit(ProjectRef(project), "changed", null, change, ProjectStreams(project), now);
    }

    private void CheckUsers(string? assigneeGid, IEnumerable<string>? followerGids)
    {
        if (assigneeGid is not null)
        {
            RequireUser(assigneeGid);
        }

        foreach (var f in followerGids ?? [])
        {
            RequireUser(f);
        }
    }

    /// <summary>
    /// The streams a task event reaches, as Asana documents them: the task's own stream and its parent's (a task's
    /// stream covers its direct subtasks), and the projects of the task and of its parent (a project's stream covers
    /// its tasks and their direct subtasks, nothing deeper). Grandparents and their projects hear nothing.
    /// </summary>
    internal HashSet<string> TaskStreams(SimTask task)
    {
        var streams = new HashSet<string>(StringComparer.Ordinal) { task.Gid };
        foreach (var m in task.Memberships)
        {
            streams.Add(m.ProjectGid);
        }

        if (task.ParentGid is not null && TasksByGid.TryGetValue(task.ParentGid, out var parent))
        {
            streams.Add(parent.Gid);
            foreach (var m in parent.Memberships)
            {
                streams.Add(m.ProjectGid);
            }
        }

        return streams;
    }

    private static HashSet<string> ProjectStreams(SimProject project)
    {
        var streams = new HashSet<string>(StringComparer.Ordinal) { project.Gid };
        if (project.TeamGid is not null)
        {
            streams.Add(project.TeamGid);
        }

        return streams;
    }

    private void Emit(SimRef resource, string action, SimRef? parent, SimChange? change, IEnumerable<string> streams, DateTimeOffset at)
    {
        var ev = new SimEvent
        {
            Sequence = ++LastSequence, Resource = resource, Action = action, Parent = parent, Change = change, CreatedAt = at,
            User = _actingUserGid is not null && UsersByGid.TryGetValue(_actingUserGid, out var u) ? UserRef(u) : null,
        };
        AllEvents.Add(ev);
        var keys = new HashSet<string>(streams, StringComparer.Ordinal) { WorkspaceGid };
        foreach (var key in keys)
        {
            if (!Streams.TryGetValue(key, out var list))
            {
                list = [];
                Streams.Add(key, list);
            }

            list.Add(ev);
        }
    }

    internal static SimRef TaskRef(SimTask t) => new(t.Gid, "task", t.Name, t.ResourceSubtype);

    internal static SimRef ProjectRef(SimProject p) => new(p.Gid, "project", p.Name);

    internal static SimRef UserRef(SimUser u) => new(u.Gid, "user", u.Name);

    internal static SimRef TeamRef(SimTeam t) => new(t.Gid, "team", t.Name);

    internal SimRef WorkspaceRef() => new(WorkspaceGid, "workspace", WorkspaceName);
}
