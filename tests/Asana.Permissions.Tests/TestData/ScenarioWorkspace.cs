using Asana.Permissions.Sources;

namespace Asana.Permissions.Tests.TestData;

/// <summary>
/// One organization covering the scenarios of Merge's Asana document and Asana's help-center tables:
/// alice (member, Marketing), bob (member, no team), carol (guest, Marketing), dave (guest, no team),
/// erin (admin), frank (inactive, Marketing), gina (member of the private project), hank (member, Engineering).
/// </summary>
internal static class ScenarioWorkspace
{
    public static WorkspaceBuilder Create() => new WorkspaceBuilder()
        .User("alice", email: "Alice@Acme.test").User("bob").User("carol", guest: true).User("dave", guest: true)
        .User("erin", admin: true).User("frank", active: false).User("gina").User("hank")
        .Team("marketing", "Marketing", "alice", "carol", "frank")
        .Team("engineering", "Engineering", "hank")
        .Project("launch", "Launch", PrivacySettings.PublicToWorkspace, team: "marketing")
        .Project("roadmap", "Roadmap", PrivacySettings.PrivateToTeam, team: "marketing")
        .Project("secret", "Secret", PrivacySettings.Private, team: "marketing", users: ["gina"], teams: ["engineering"])
        .Project("solo", "Solo", PrivacySettings.Private)
        .Section("launch-todo", "launch")
        .Section("secret-todo", "secret")
        .Task("t-launch", projects: ["launch"], section: "launch-todo")
        .Task("t-roadmap", projects: ["roadmap"])
        .Task("t-secret", projects: ["secret"], section: "secret-todo")
        .Task("t-multi", projects: ["solo", "roadmap"])
        .Task("t-collab", assignee: "bob", followers: ["dave"], projects: ["solo"])
        .Task("t-projectless", assignee: "bob")
        .Task("t-sub", parent: "t-secret")
        .Task("t-subsub", followers: ["dave"], parent: "t-sub")
        .Task("t-projectless-sub", parent: "t-projectless")
        .Task("t-orphan", followers: ["bob"], parent: "t-unread")
        .Task("t-ghost", projects: ["unread-project"]);

    public static readonly string[] Users = ["alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank"];
}
