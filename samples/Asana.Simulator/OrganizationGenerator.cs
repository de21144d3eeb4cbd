using Asana.Permissions.Sources;
using Asana.Simulator.Model;

namespace Asana.Simulator;

/// <summary>Fills a <see cref="SimulatedOrganization"/> from a shape, deterministically per seed (no events).</summary>
internal sealed class OrganizationGenerator
{
    private readonly SimulatedOrganization _org;
    private readonly OrganizationShape _shape;
    private readonly Random _random;
    private readonly HashSet<string> _emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SimUser> _members = [];
    private readonly List<SimUser> _guests = [];
    private readonly List<SimUser> _inactive = [];
    private readonly Dictionary<string, List<SimUser>> _audience = new(StringComparer.Ordinal);

    public OrganizationGenerator(SimulatedOrganization org, OrganizationShape shape)
    {
        _org = org;
        _shape = shape;
        _random = org.Random;
    }

    public void Run()
    {
        GenerateUsers();
        if (_org.IsOrganization)
        {
            GenerateTeams();
        }

        GenerateProjects();
        var topLevel = GenerateProjectTasks();
        MultiHome(topLevel);
        GenerateSubtasks(topLevel);
        GenerateProjectlessTasks();
        if (_org.IsOrganization)
        {
            MarkLimitedAccess();
        }

        GeneratePortfolios();
        MarkPendingInvitations();
    }

    /// <summary>
    /// Portfolios holding a few projects each, half of them with inherited access control. The first one always holds
    /// a private project with inheritance, one without, and has a member who could not see that private project
    /// otherwise; in organizations also a guest and a team that has a limited-access member.
    /// </summary>
    private void GeneratePortfolios()
    {
        if (_org.ProjectList.Count == 0)
        {
            return;
        }

        for (var i = 0; i < _shape.Portfolios; i++)
        {
            var owner = _members[_random.Next(_members.Count)];
            var portfolio = _org.CreatePortfolio(Unique(NameBank.PortfolioNames, i), owner, _org.GenerationTick(3600));
            foreach (var project in Sample(_org.ProjectList, 2 + _random.Next(3)))
            {
                _org.CreateProjectPortfolioSetting(portfolio, project, _random.NextDouble() < 0.5, portfolio.CreatedAt);
            }

            foreach (var user in Sample(_members, 1 + _random.Next(3)))
            {
                _org.CreatePortfolioMembership(portfolio, user.Gid, MemberKind.User, _random.NextDouble() < 0.5 ? "editor" : "viewer");
            }

            if (_org.TeamList.Count > 0 && _random.NextDouble() < 0.5)
            {
                _org.CreatePortfolioMembership(portfolio, _org.TeamList[_random.Next(_org.TeamList.Count)].Gid, MemberKind.Team, "viewer");
            }

            if (i == 0)
            {
                EnsurePortfolioEdgeCases(portfolio);
            }
        }
    }

    private void EnsurePortfolioEdgeCases(SimPortfolio portfolio)
    {
        var privates = _org.ProjectList.Where(p => p.PrivacySetting == PrivacySettings.Private).ToList();
        if (privates.Count > 0)
        {
            var inherited = privates[0];
            var existing = portfolio.Items.Find(s => s.ProjectGid == inherited.Gid);
            if (existing is null)
            {
                _org.CreateProjectPortfolioSetting(portfolio, inherited, true, portfolio.CreatedAt);
            }
            else
            {
                existing.IsAccessControlInherited = true;
            }

            // A member whose only way into the private project is the portfolio.
            var outsider = _members.Find(u => !_org.CanSeeProject(u, inherited));
            if (outsider is not null)
            {
                _org.CreatePortfolioMembership(portfolio, outsider.Gid, MemberKind.User, "viewer");
            }
        }

        var notInherited = _org.ProjectList.Find(p => p.PrivacySetting == PrivacySettings.Private && portfolio.Items.TrueForAll(s => s.ProjectGid != p.Gid))
            ?? _org.ProjectList.Find(p => portfolio.Items.TrueForAll(s => s.ProjectGid != p.Gid));
        if (notInherited is not null)
        {
            _org.CreateProjectPortfolioSetting(portfolio, notInherited, false, portfolio.CreatedAt);
        }

        if (_guests.Count > 0)
        {
            _org.CreatePortfolioMembership(portfolio, _guests[_random.Next(_guests.Count)].Gid, MemberKind.User, "viewer");
        }

        var limitedTeam = _org.TeamList.Find(t => t.Members.Exists(m => m.IsLimitedAccess));
        if (limitedTeam is not null)
        {
            _org.CreatePortfolioMembership(portfolio, limitedTeam.Gid, MemberKind.Team, "viewer");
        }
    }

    /// <summary>
    /// A few members are invited but have not joined yet (reported <c>is_active: true</c> all the same): the first has
    /// tasks assigned, the second belongs to a team (when there are teams), the rest are drawn at random.
    /// </summary>
    private void MarkPendingInvitations()
    {
        var pool = _members.Where(u => !u.IsAdmin).ToList();
        var count = Math.Min(pool.Count, Math.Max(2, _members.Count / 60));
        var assigned = _org.TaskList.Where(t => t.AssigneeGid is not null).Select(t => t.AssigneeGid!).ToHashSet(StringComparer.Ordinal);
        var inTeam = _org.TeamList.SelectMany(t => t.Members).Select(m => m.UserGid).ToHashSet(StringComparer.Ordinal);
        var chosen = new List<SimUser>();
        foreach (var wanted in new Func<SimUser, bool>[] { u => assigned.Contains(u.Gid), u => inTeam.Contains(u.Gid) })
        {
            var matching = pool.Where(u => wanted(u) && !chosen.Contains(u)).ToList();
            if (matching.Count > 0 && chosen.Count < count)
            {
                chosen.Add(matching[_random.Next(matching.Count)]);
            }
        }

        chosen.AddRange(Sample(pool.Except(chosen).ToList(), count - chosen.Count));
        foreach (var user in chosen)
        {
            user.IsPendingInvitation = true;
        }
    }

    private void GenerateUsers()
    {
        for (var i = 0; i < Math.Max(1, _shape.Users); i++)
        {
            _members.Add(NewUser(_org.EmailDomain, isAdmin: i < _shape.Admins, isGuest: false, isActive: true));
        }

        if (_org.IsOrganization)
        {
            for (var i = 0; i < _shape.Guests; i++)
            {
                _guests.Add(NewUser(NameBank.GuestDomains[i % NameBank.GuestDomains.Length], false, true, true));
            }
        }

        for (var i = 0; i < _shape.InactiveUsers; i++)
        {
            _inactive.Add(NewUser(_org.EmailDomain, false, false, false));
        }
    }

    private SimUser NewUser(string domain, bool isAdmin, bool isGuest, bool isActive)
    {
        var first = NameBank.Pick(_random, NameBank.FirstNames);
        var last = NameBank.Pick(_random, NameBank.LastNames);
        var local = $"{first}.{last}".ToLowerInvariant();
        var email = $"{local}@{domain}";
        for (var n = 2; !_emails.Add(email); n++)
        {
            email = $"{local}{n}@{domain}";
        }

        return _org.CreateUser($"{first} {last}", email, isAdmin, isGuest, isActive, _org.GenerationTick(600));
    }

    private void GenerateTeams()
    {
        string[] visibilities = ["public", "request_to_join", "secret"];
        var pool = _members.Concat(_inactive).ToList();
        for (var i = 0; i < _shape.Teams; i++)
        {
            var name = Unique(NameBank.TeamNames, i);
            var team = _org.CreateTeam(name, visibilities[i % 3 == 2 ? 2 : _random.Next(2)]);
            team.Description = $"The {name} team.";
            var size = Math.Max(2, Vary(_shape.TeamSize));
            foreach (var user in Sample(pool, size))
            {
                _org.CreateTeamMembership(team, user, isAdmin: team.Members.Count == 0);
            }
        }

        // Guests: each in 0–2 teams; the first guest always in the first team.
        for (var g = 0; g < _guests.Count && _org.TeamList.Count > 0; g++)
        {
            var count = g == 0 ? 1 : _random.Next(3);
            if (g == 0)
            {
                _org.CreateTeamMembership(_org.TeamList[0], _guests[0], false);
            }

            for (var k = g == 0 ? 1 : 0; k < count; k++)
            {
                _org.CreateTeamMembership(_org.TeamList[_random.Next(_org.TeamList.Count)], _guests[g], false);
            }
        }
    }

    private void GenerateProjects()
    {
        var teams = _org.TeamList;
        for (var i = 0; i < _shape.Projects; i++)
        {
            string privacy;
            if (_org.IsOrganization)
            {
                // The first three cover every setting; the rest are weighted.
                privacy = i < 3
                    ? new[] { PrivacySettings.PublicToWorkspace, PrivacySettings.PrivateToTeam, PrivacySettings.Private }[i]
                    : _random.NextDouble() switch
                    {
                        < 0.45 => PrivacySettings.PublicToWorkspace,
                        < 0.7 => PrivacySettings.PrivateToTeam,
                        _ => PrivacySettings.Private,
                    };
            }
            else
            {
                privacy = i % 2 == 0 ? PrivacySettings.PublicToWorkspace : PrivacySettings.Private;
            }

            SimTeam? team = null;
            if (teams.Count > 0)
            {
                // Project 2 (private) is always teamless; team-only projects always have a team.
                var teamless = i == 2 || (privacy != PrivacySettings.PrivateToTeam && _random.NextDouble() < _shape.TeamlessRatio);
                team = teamless ? null : teams[(i + _random.Next(teams.Count)) % teams.Count];
            }

            var archived = (i == _shape.Projects - 1 && _shape.Projects >= 4) || _random.NextDouble() < _shape.ArchivedRatio / 2;
            var teamPool = team is null ? [] : team.Members.Select(m => _org.UsersByGid[m.UserGid]).Where(u => u.IsActive).ToList();
            var owner = teamPool.Count > 0 ? teamPool[_random.Next(teamPool.Count)] : _members[_random.Next(_members.Count)];
            var project = _org.CreateProject(Unique(NameBank.ProjectNames, i), privacy, team?.Gid, archived, owner.Gid, _org.GenerationTick(3600));

            _org.CreateProjectMembership(project, owner.Gid, MemberKind.User, "admin");
            var extra = 1 + _random.Next(5);
            var candidates = teamPool.Count > 2 && _random.NextDouble() < 0.7 ? teamPool : _members;
            foreach (var user in Sample(candidates, extra))
            {
                _org.CreateProjectMembership(project, user.Gid, MemberKind.User, "editor");
            }

            if (_guests.Count > 0 && (i == 2 || _random.NextDouble() < 0.3))
            {
                _org.CreateProjectMembership(project, _guests[_random.Next(_guests.Count)].Gid, MemberKind.User, "commenter");
            }

            if (_inactive.Count > 0 && _random.NextDouble() < 0.15)
            {
                _org.CreateProjectMembership(project, _inactive[_random.Next(_inactive.Count)].Gid, MemberKind.User, "editor");
            }

            if (team is not null && _random.NextDouble() < 0.5)
            {
                _org.CreateProjectMembership(project, team.Gid, MemberKind.Team, "editor");
            }

            // A second team shares the project through /memberships; project 2 (teamless, private) always.
            if (teams.Count > 1 && (i == 2 || _random.NextDouble() < 0.15))
            {
                var other = teams[(teams.IndexOf(team!) + 1 + _random.Next(teams.Count - 1)) % teams.Count];
                _org.CreateProjectMembership(project, other.Gid, MemberKind.Team, "commenter");
            }

            var sectionCount = Math.Max(1, _shape.SectionsPerProject);
            for (var s = 0; s < sectionCount; s++)
            {
                _org.CreateSection(project, NameBank.SectionNames[s % NameBank.SectionNames.Length], project.CreatedAt);
            }

            _audience[project.Gid] = Audience(project);
        }
    }

    /// <summary>Active users who plausibly work in the project: user members, member teams, and the project's team.</summary>
    private List<SimUser> Audience(SimProject project)
    {
        var gids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in project.Members)
        {
            if (m.Kind == MemberKind.User)
            {
                gids.Add(m.MemberGid);
            }
            else
            {
                gids.UnionWith(_org.TeamsByGid[m.MemberGid].Members.Select(x => x.UserGid));
            }
        }

        if (project.TeamGid is not null)
        {
            gids.UnionWith(_org.TeamsByGid[project.TeamGid].Members.Select(x => x.UserGid));
        }

        var list = gids.Select(g => _org.UsersByGid[g]).Where(u => u.IsActive).OrderBy(u => u.Gid, StringComparer.Ordinal).ToList();
        return list.Count > 0 ? list : _members;
    }

    private List<SimTask> GenerateProjectTasks()
    {
        var topLevel = new List<SimTask>();
        foreach (var project in _org.ProjectList)
        {
            var audience = _audience[project.Gid];
            var count = Math.Max(1, Vary(_shape.TasksPerProject));
            for (var i = 0; i < count; i++)
            {
                var task = NewTask(audience, forceOutsider: i == 0 && project.PrivacySetting == PrivacySettings.Private);
                _org.PlaceTask(task, project, project.SectionGids[_random.Next(project.SectionGids.Count)]);
                topLevel.Add(task);
            }
        }

        return topLevel;
    }

    private SimTask NewTask(List<SimUser> audience, bool forceOutsider = false, string? name = null)
    {
        var roll = _random.NextDouble();
        SimUser? assignee = roll < 0.75 ? audience[_random.Next(audience.Count)] : roll < 0.85 ? AnyUser() : null;
        var followers = new List<string>();
        var followerCount = _random.Next(3);
        for (var f = 0; f < followerCount; f++)
        {
            followers.Add(audience[_random.Next(audience.Count)].Gid);
        }

        if (forceOutsider || _random.NextDouble() < _shape.OutsideCollaboratorRatio)
        {
            // A collaborator from outside the project's members: a guest, an inactive user, anyone.
            var outsider = forceOutsider && _guests.Count > 0 ? _guests[_random.Next(_guests.Count)] : AnyUser();
            followers.Add(outsider.Gid);
        }

        var created = _org.GenerationTick(120);
        var task = _org.CreateTask(name ?? NameBank.TaskName(_random), NameBank.Notes(_random, assignee?.Name), assignee?.Gid, followers, created);
        task.ModifiedAt = created.AddMinutes(_random.Next(0, 60 * 24 * 30));
        if (_random.NextDouble() < _shape.CompletedRatio)
        {
            task.Completed = true;
            task.CompletedAt = task.ModifiedAt;
        }

        task.ResourceSubtype = RandomSubtype();
        return task;
    }

    /// <summary>A few percent milestones and approvals: a search naming no subtype (default <c>milestone</c>) misses the rest.</summary>
    private string RandomSubtype() => _random.NextDouble() switch
    {
        < 0.03 => "milestone",
        < 0.06 => "approval",
        _ => "default_task",
    };

    private SimUser AnyUser()
    {
        var total = _members.Count + _guests.Count + _inactive.Count;
        var i = _random.Next(total);
        return i < _members.Count ? _members[i] : i < _members.Count + _guests.Count ? _guests[i - _members.Count] : _inactive[i - _members.Count - _guests.Count];
    }

    private void MultiHome(List<SimTask> topLevel)
    {
        var open = _org.ProjectList.Where(p => !p.Archived).ToList();
        if (open.Count < 2 || _shape.MultiHomedRatio <= 0)
        {
            return;
        }

        for (var i = 0; i < topLevel.Count; i++)
        {
            if (i != 0 && _random.NextDouble() >= _shape.MultiHomedRatio)
            {
                continue;
            }

            var homes = 1 + (_random.NextDouble() < 0.25 ? 1 : 0);
            for (var h = 0; h < homes; h++)
            {
                var project = open[_random.Next(open.Count)];
                _org.PlaceTask(topLevel[i], project, project.SectionGids[_random.Next(project.SectionGids.Count)]);
            }
        }
    }

    private void GenerateSubtasks(List<SimTask> topLevel)
    {
        if (_shape.SubtaskRatio <= 0 || _shape.MaxSubtaskDepth <= 0)
        {
            return;
        }

        var explicitlyHomed = false;
        for (var i = 0; i < topLevel.Count; i++)
        {
            var task = topLevel[i];
            var audience = _audience[task.Memberships[0].ProjectGid];
            if (i == 0)
            {
                // One chain down to the deepest level, always.
                var parent = task;
                for (var depth = 1; depth <= _shape.MaxSubtaskDepth; depth++)
                {
                    parent = NewSubtask(parent, audience);
                }

                continue;
            }

            if (_random.NextDouble() < _shape.SubtaskRatio)
            {
                var made = Grow(task, audience, 1);
                if (!explicitlyHomed || _random.NextDouble() < 0.02)
                {
                    // A subtask explicitly added to its parent's project: it then appears in the project's task list.
                    var project = _org.ProjectsByGid[task.Memberships[0].ProjectGid];
                    _org.PlaceTask(made, project, task.Memberships[0].SectionGid);
                    explicitlyHomed = true;
                }
            }
        }
    }

    private SimTask Grow(SimTask parent, List<SimUser> audience, int depth)
    {
        SimTask first = null!;
        var count = 1 + _random.Next(3);
        for (var c = 0; c < count; c++)
        {
            var child = NewSubtask(parent, audience);
            first ??= child;
            if (depth < _shape.MaxSubtaskDepth && _random.NextDouble() < 0.3)
            {
                Grow(child, audience, depth + 1);
            }
        }

        return first;
    }

    private SimTask NewSubtask(SimTask parent, List<SimUser> audience)
    {
        var child = NewTask(audience);
        SimulatedOrganization.AttachSubtask(parent, child);
        return child;
    }

    private void GenerateProjectlessTasks()
    {
        var active = _members.Concat(_guests).ToList();
        for (var i = 0; i < _shape.ProjectlessTasks; i++)
        {
            var owner = active[_random.Next(active.Count)];
            SimTask task;
            if (i % 2 == 0)
            {
                // Assigned (My tasks), sometimes shared with a follower.
                var followers = _random.NextDouble() < 0.4 ? new[] { AnyUser().Gid } : [];
                task = _org.CreateTask(NameBank.TaskName(_random), NameBank.Notes(_random, owner.Name), owner.Gid, followers, _org.GenerationTick(120));
            }
            else
            {
                // Only followed: no assignee.
                var followers = new List<string> { owner.Gid };
                if (_random.NextDouble() < 0.5)
                {
                    followers.Add(AnyUser().Gid);
                }

                task = _org.CreateTask(NameBank.TaskName(_random), NameBank.Notes(_random, null), null, followers, _org.GenerationTick(120));
            }

            // Followed-only tasks of every subtype (the first of each always): only a search naming each finds them all.
            task.ResourceSubtype = i switch
            {
                1 => "milestone",
                3 => "approval",
                5 => "default_task",
                _ => RandomSubtype(),
            };

            task.ModifiedAt = task.CreatedAt.AddMinutes(_random.Next(0, 60 * 24 * 7));
            if (i == 0 || _random.NextDouble() < 0.1)
            {
                var other = active[_random.Next(active.Count)];
                var sub = _org.CreateTask(NameBank.TaskName(_random), "", other.Gid, null, _org.GenerationTick(120));
                SimulatedOrganization.AttachSubtask(task, sub);
            }
        }
    }

    /// <summary>
    /// A few percent of team memberships become limited-access, plus the cases that matter: a limited member whose
    /// team alone granted them a project (through project.team, and through a member team), who follows one of its
    /// tasks; and a limited member who is also a direct member of one of the team's projects.
    /// </summary>
    private void MarkLimitedAccess()
    {
        var candidates = _org.TeamList.SelectMany(t => t.Members)
            .Where(m => !m.IsAdmin && !m.IsGuest && _org.UsersByGid[m.UserGid].IsActive).ToList();
        foreach (var m in candidates)
        {
            if (_random.NextDouble() < 0.03)
            {
                m.IsLimitedAccess = true;
            }
        }

        var teamOnly = _org.ProjectList.Where(p => p.PrivacySetting == PrivacySettings.PrivateToTeam && p.TeamGid is not null)
            .Select(p => (Project: p, TeamGid: p.TeamGid!));
        var sharedPrivate = _org.ProjectList.Where(p => p.PrivacySetting == PrivacySettings.Private)
            .SelectMany(p => p.Members.Where(m => m.Kind == MemberKind.Team).Select(m => (Project: p, TeamGid: m.MemberGid)));
        foreach (var grants in new[] { teamOnly, sharedPrivate })
        {
            LoseTeamGrant(candidates, grants);
        }

        foreach (var project in _org.ProjectList.Where(p => p.TeamGid is not null))
        {
            var direct = candidates.Find(m => m.TeamGid == project.TeamGid && !m.IsLimitedAccess
                && project.Members.Exists(pm => pm.Kind == MemberKind.User && pm.MemberGid == m.UserGid));
            if (direct is not null)
            {
                direct.IsLimitedAccess = true;
                break;
            }
        }
    }

    /// <summary>Makes one member limited whose team was their only way into one of <paramref name="grants"/>; they then follow one of its tasks.</summary>
    private void LoseTeamGrant(List<SimTeamMembership> candidates, IEnumerable<(SimProject Project, string TeamGid)> grants)
    {
        foreach (var (project, teamGid) in grants)
        {
            if (project.TaskGids.Count == 0)
            {
                continue;
            }

            foreach (var membership in candidates.Where(m => m.TeamGid == teamGid && !m.IsLimitedAccess))
            {
                var user = _org.UsersByGid[membership.UserGid];
                if (!_org.CanSeeProject(user, project))
                {
                    continue;
                }

                membership.IsLimitedAccess = true;
                if (_org.CanSeeProject(user, project))
                {
                    membership.IsLimitedAccess = false;
                    continue;
                }

                var task = _org.TasksByGid[project.TaskGids[^1]];
                if (!task.Followers.Contains(user.Gid))
                {
                    task.Followers.Add(user.Gid);
                }

                return;
            }
        }
    }

    private static string Unique(string[] names, int index)
    {
        var name = names[index % names.Length];
        var round = index / names.Length;
        return round == 0 ? name : $"{name} {round + 1}";
    }

    private int Vary(int average) => (int)Math.Round(average * (0.7 + (_random.NextDouble() * 0.6)));

    private List<T> Sample<T>(List<T> pool, int count)
    {
        var copy = new List<T>(pool);
        var result = new List<T>();
        while (result.Count < count && copy.Count > 0)
        {
            var i = _random.Next(copy.Count);
            result.Add(copy[i]);
            copy.RemoveAt(i);
        }

        return result;
    }
}
