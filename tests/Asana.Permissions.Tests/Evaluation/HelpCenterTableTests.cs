using Asana.Permissions.Sources;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests.Evaluation;

/// <summary>Asana's help-center tables (asana-api-facts §13), one row per relation of the user to the task.</summary>
public sealed class HelpCenterTableTests
{
    public enum Relation
    {
        ProjectMember,
        ProjectTeamMember,
        OrganizationMember,
        Admin,
        GuestProjectMember,
        GuestInProjectTeam,
        GuestOnly,
        InactiveProjectMember,
        InactiveTeamMember,
        Collaborator,
        GuestCollaborator,
        InactiveCollaborator,
        NoWorkspaceMembership,
    }

    public static TheoryData<string, Relation, bool> ProjectTable => new()
    {
        // Private to members: members of the project.
        { PrivacySettings.Private, Relation.ProjectMember, true },
        { PrivacySettings.Private, Relation.ProjectTeamMember, false },
        { PrivacySettings.Private, Relation.OrganizationMember, false },
        { PrivacySettings.Private, Relation.Admin, false },
        { PrivacySettings.Private, Relation.GuestProjectMember, true },
        { PrivacySettings.Private, Relation.GuestInProjectTeam, false },
        // Team only: members of the project and of the team.
        { PrivacySettings.PrivateToTeam, Relation.ProjectMember, true },
        { PrivacySettings.PrivateToTeam, Relation.ProjectTeamMember, true },
        { PrivacySettings.PrivateToTeam, Relation.OrganizationMember, false },
        { PrivacySettings.PrivateToTeam, Relation.Admin, false },
        { PrivacySettings.PrivateToTeam, Relation.GuestInProjectTeam, true },
        { PrivacySettings.PrivateToTeam, Relation.GuestOnly, false },
        // Shared with organization: project, team and organization members; guests need an explicit add.
        { PrivacySettings.PublicToWorkspace, Relation.ProjectMember, true },
        { PrivacySettings.PublicToWorkspace, Relation.ProjectTeamMember, true },
        { PrivacySettings.PublicToWorkspace, Relation.OrganizationMember, true },
        { PrivacySettings.PublicToWorkspace, Relation.Admin, true },
        { PrivacySettings.PublicToWorkspace, Relation.GuestProjectMember, true },
        { PrivacySettings.PublicToWorkspace, Relation.GuestInProjectTeam, true },
        { PrivacySettings.PublicToWorkspace, Relation.GuestOnly, false },
        // Inactive users see nothing, whatever the project.
        { PrivacySettings.PublicToWorkspace, Relation.InactiveProjectMember, false },
        { PrivacySettings.PublicToWorkspace, Relation.InactiveTeamMember, false },
        { PrivacySettings.PublicToWorkspace, Relation.NoWorkspaceMembership, false },
        // An unknown privacy value is private.
        { "shared_with_martians", Relation.ProjectMember, true },
        { "shared_with_martians", Relation.ProjectTeamMember, false },
        { "shared_with_martians", Relation.OrganizationMember, false },
        // Collaborators see the task in any project; inactive ones do not.
        { PrivacySettings.Private, Relation.Collaborator, true },
        { PrivacySettings.Private, Relation.GuestCollaborator, true },
        { PrivacySettings.Private, Relation.InactiveCollaborator, false },
    };

    [Theory]
    [MemberData(nameof(ProjectTable))]
    public void CanView_TaskInProject_FollowsHelpCenterTable(string privacy, Relation relation, bool expected)
    {
        var b = new WorkspaceBuilder().User("owner").Team("team", "Design", "owner");
        var (active, admin, guest, member) = relation switch
        {
            Relation.Admin => (true, true, false, true),
            Relation.GuestProjectMember or Relation.GuestInProjectTeam or Relation.GuestOnly or Relation.GuestCollaborator => (true, false, true, true),
            Relation.InactiveProjectMember or Relation.InactiveTeamMember or Relation.InactiveCollaborator => (false, false, false, true),
            Relation.NoWorkspaceMembership => (true, false, false, false),
            _ => (true, false, false, true),
        };
        b.User("x", active, admin, guest, member);
        var inProject = relation is Relation.ProjectMember or Relation.GuestProjectMember or Relation.InactiveProjectMember or Relation.NoWorkspaceMembership;
        var inTeam = relation is Relation.ProjectTeamMember or Relation.GuestInProjectTeam or Relation.InactiveTeamMember;
        var collaborator = relation is Relation.Collaborator or Relation.GuestCollaborator or Relation.InactiveCollaborator;
        if (inTeam)
        {
            b.TeamMemberships.Add(new TeamMembershipRecord("team", "x", guest, false));
        }

        b.Project("p", "Launch", privacy, team: "team", users: inProject ? ["owner", "x"] : ["owner"])
            .Task("t", followers: collaborator ? ["x"] : [], projects: ["p"]);
        var engine = b.Engine();

        engine.CanView("x", "t").Should().Be(expected);
        engine.CanView("owner", "t").Should().BeTrue("the project member always sees it");
    }

    [Theory]
    [InlineData(false, Relation.Collaborator, true)]
    [InlineData(false, Relation.OrganizationMember, false)]
    [InlineData(false, Relation.Admin, false)]
    [InlineData(true, Relation.OrganizationMember, true)]
    [InlineData(true, Relation.Admin, true)]
    [InlineData(true, Relation.GuestOnly, false)]
    [InlineData(true, Relation.InactiveTeamMember, false)]
    public void CanView_PrivateProjectlessTask_OnlyCollaboratorsUnlessOptedIn(bool optIn, Relation relation, bool expected)
    {
        var b = new WorkspaceBuilder().User("owner")
            .User("x", active: relation != Relation.InactiveTeamMember, admin: relation == Relation.Admin, guest: relation == Relation.GuestOnly)
            .Task("t", assignee: "owner", followers: relation == Relation.Collaborator ? ["x"] : []);

        b.Engine(optIn).CanView("x", "t").Should().Be(expected);
    }

    [Theory]
    [InlineData(PrivacySettings.PublicToWorkspace, true)]
    [InlineData(PrivacySettings.PrivateToTeam, false)]
    [InlineData(PrivacySettings.Private, false)]
    public void CanView_NonOrganizationWorkspace_PublicVisibleToEveryActiveMember(string privacy, bool expected)
    {
        // Plain workspaces should have no guests; a stray is_guest flag is still honoured (when in doubt, deny).
        var b = new WorkspaceBuilder(isOrganization: false).User("owner").User("x").User("flagged", guest: true).User("gone", active: false)
            .Project("p", "Launch", privacy, users: ["owner"]).Task("t", projects: ["p"]);
        var engine = b.Engine();

        engine.CanView("x", "t").Should().Be(expected);
        engine.CanView("flagged", "t").Should().BeFalse();
        engine.CanView("gone", "t").Should().BeFalse();
        engine.CanView("owner", "t").Should().BeTrue();
    }
}
