using Asana.Permissions.Sources;
using Asana.Simulator.Model;

namespace Asana.Simulator;

/// <summary>
/// Portfolio mutations. Membership events go to the portfolio's stream; a project joining or leaving a portfolio, or
/// its access inheritance changing, goes to the portfolio's stream and the project's.
/// </summary>
public sealed partial class SimulatedOrganization
{
    /// <summary>Adds a portfolio; its owner becomes its first member (admin), as Asana makes the creator a member.</summary>
    /// <param name="name">The portfolio name.</param>
    /// <param name="ownerGid">The owner (a user).</param>
    /// <returns>The new portfolio's gid.</returns>
    public string AddPortfolio(string name, string ownerGid)
    {
        lock (Gate)
        {
            var owner = RequireUser(ownerGid);
            var now = Now();
            var portfolio = CreatePortfolio(name, owner, now);
            Emit(PortfolioRef(portfolio), "added", WorkspaceRef(), null, [portfolio.Gid], now);
            return portfolio.Gid;
        }
    }

    /// <summary>Adds a user or a team as a member of a portfolio (a <c>portfolio_membership</c> <c>added</c> event).</summary>
    /// <param name="portfolioGid">The portfolio.</param>
    /// <param name="memberGid">A user gid or a team gid.</param>
    public void AddPortfolioMember(string portfolioGid, string memberGid)
    {
        lock (Gate)
        {
            var portfolio = RequirePortfolio(portfolioGid);
            var kind = UsersByGid.ContainsKey(memberGid) ? MemberKind.User
                : TeamsByGid.ContainsKey(memberGid) ? MemberKind.Team
                : throw new ArgumentException($"Unknown user or team {memberGid}.", nameof(memberGid));
            if (portfolio.Members.Exists(m => m.MemberGid == memberGid))
            {
                return;
            }

            var membership = CreatePortfolioMembership(portfolio, memberGid, kind, "editor");
            Emit(new SimRef(membership.Gid, "portfolio_membership", null), "added", PortfolioRef(portfolio), null, [portfolio.Gid], Now());
        }
    }

    /// <summary>Removes a user or team member from a portfolio (a <c>portfolio_membership</c> <c>removed</c> event).</summary>
    /// <param name="portfolioGid">The portfolio.</param>
    /// <param name="memberGid">A user gid or a team gid.</param>
    public void RemovePortfolioMember(string portfolioGid, string memberGid)
    {
        lock (Gate)
        {
            var portfolio = RequirePortfolio(portfolioGid);
            var membership = portfolio.Members.Find(m => m.MemberGid == memberGid);
            if (membership is null)
            {
                return;
            }

            portfolio.Members.Remove(membership);
            Emit(new SimRef(membership.Gid, "portfolio_membership", null), "removed", PortfolioRef(portfolio), null, [portfolio.Gid], Now());
        }
    }

    /// <summary>Adds a project to a portfolio (nothing happens when it is already there).</summary>
    /// <param name="portfolioGid">The portfolio.</param>
    /// <param name="projectGid">The project.</param>
    /// <param name="inheritAccess">
    /// <c>is_access_control_inherited</c>: when true the portfolio's members gain access to the project.
    /// </param>
    public void AddProjectToPortfolio(string portfolioGid, string projectGid, bool inheritAccess)
    {
        lock (Gate)
        {
            var portfolio = RequirePortfolio(portfolioGid);
            var project = RequireProject(projectGid);
            var now = Now();
            if (CreateProjectPortfolioSetting(portfolio, project, inheritAccess, now) is not null)
            {
                Emit(ProjectRef(project), "added", PortfolioRef(portfolio), null, [portfolio.Gid, project.Gid], now);
            }
        }
    }

    /// <summary>Turns the inheritance of a project's access control from a portfolio on or off.</summary>
    /// <param name="portfolioGid">The portfolio.</param>
    /// <param name="projectGid">A project in that portfolio.</param>
    /// <param name="isAccessControlInherited">The new value.</param>
    public void SetPortfolioAccessInheritance(string portfolioGid, string projectGid, bool isAccessControlInherited)
    {
        lock (Gate)
        {
            var portfolio = RequirePortfolio(portfolioGid);
            var setting = RequireSetting(portfolio, projectGid);
            if (setting.IsAccessControlInherited == isAccessControlInherited)
            {
                return;
            }

            setting.IsAccessControlInherited = isAccessControlInherited;
            Emit(new SimRef(setting.Gid, "project_portfolio_setting", null), "changed", PortfolioRef(portfolio),
                new SimChange("is_access_control_inherited", "changed", isAccessControlInherited), [portfolio.Gid, projectGid], Now());
        }
    }

    /// <summary>Removes a project from a portfolio.</summary>
    /// <param name="portfolioGid">The portfolio.</param>
    /// <param name="projectGid">A project in that portfolio.</param>
    public void RemoveProjectFromPortfolio(string portfolioGid, string projectGid)
    {
        lock (Gate)
        {
            var portfolio = RequirePortfolio(portfolioGid);
            var setting = RequireSetting(portfolio, projectGid);
            RemoveProjectPortfolioSetting(setting);
            Emit(ProjectRef(RequireProject(projectGid)), "removed", PortfolioRef(portfolio), null, [portfolio.Gid, projectGid], Now());
        }
    }

    private static SimProjectPortfolioSetting RequireSetting(SimPortfolio portfolio, string projectGid) =>
        portfolio.Items.Find(s => s.ProjectGid == projectGid)
        ?? throw new InvalidOperationException($"Project {projectGid} is not in portfolio {portfolio.Gid}.");

    internal static SimRef PortfolioRef(SimPortfolio p) => new(p.Gid, "portfolio", p.Name);
}
