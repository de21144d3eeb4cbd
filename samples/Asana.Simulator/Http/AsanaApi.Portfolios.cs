using Asana.Permissions.Sources;
using Asana.Simulator.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Asana.Simulator.Http;

/// <summary>Portfolios, their memberships and project portfolio settings.</summary>
internal sealed partial class AsanaApi
{
    private void MapPortfolios(IEndpointRouteBuilder app)
    {
        Get(app, "/portfolios", Portfolios);
        Get(app, "/portfolios/{gid}", Portfolio);
        Get(app, "/portfolios/{gid}/items", PortfolioItems);
        Get(app, "/portfolios/{gid}/project_portfolio_settings", PortfolioSettings);
        Get(app, "/portfolios/{gid}/portfolio_memberships", PortfolioMembershipsOfPortfolio);
        Get(app, "/portfolio_memberships", PortfolioMembershipsQuery);
        Get(app, "/projects/{gid}/project_portfolio_settings", ProjectPortfolioSettings);
        Get(app, "/project_portfolio_settings/{gid}", ProjectPortfolioSetting);
    }

    /// <summary>
    /// <c>GET /portfolios?workspace=&amp;owner=</c> (workspace required). A service account gets every portfolio of the
    /// workspace, or those <c>owner</c> owns; a personal token only the portfolios its own user owns.
    /// </summary>
    private ResponseBody Portfolios(HttpContext ctx)
    {
        RequireWorkspace(Query(ctx, "workspace"));
        IEnumerable<SimPortfolio> portfolios = _org.PortfolioList;
        if (_viewer is not null)
        {
            portfolios = portfolios.Where(p => p.OwnerGid == _viewer.Gid);
        }

        if (Query(ctx, "owner") is { } owner)
        {
            var user = FindUser(owner);
            portfolios = portfolios.Where(p => p.OwnerGid == user.Gid);
        }

        return Page(ctx, portfolios.ToList(), (w, p, sel) => _writer.Portfolio(w, p, sel, full: false));
    }

    private ResponseBody Portfolio(HttpContext ctx)
    {
        var portfolio = FindPortfolio(Route(ctx));
        var sel = Fields(ctx);
        return Single(ctx, w => _writer.Portfolio(w, portfolio, sel, full: true));
    }

    /// <summary><c>GET /portfolios/{gid}/items</c>: the projects it holds (those the token can see).</summary>
    private ResponseBody PortfolioItems(HttpContext ctx)
    {
        var portfolio = FindPortfolio(Route(ctx));
        var projects = portfolio.Items.Select(s => _org.ProjectsByGid[s.ProjectGid]).Where(Sees).ToList();
        return Page(ctx, projects, _writer.Project);
    }

    private ResponseBody PortfolioSettings(HttpContext ctx)
    {
        var portfolio = FindPortfolio(Route(ctx));
        return Page(ctx, portfolio.Items, _writer.ProjectPortfolioSetting);
    }

    /// <summary><c>GET /projects/{gid}/project_portfolio_settings</c>: the portfolios holding the project (those the token can read).</summary>
    private ResponseBody ProjectPortfolioSettings(HttpContext ctx)
    {
        var project = FindProject(Route(ctx), ProjectFaultTarget.Project);
        var settings = _org.PortfolioSettingsByProject.GetValueOrDefault(project.Gid, [])
            .Where(s => Reads(_org.PortfoliosByGid[s.PortfolioGid])).ToList();
        return Page(ctx, settings, _writer.ProjectPortfolioSetting);
    }

    private ResponseBody ProjectPortfolioSetting(HttpContext ctx)
    {
        var gid = Route(ctx);
        var setting = _org.PortfolioSettingsByGid.GetValueOrDefault(gid) ?? throw new ApiException(404, $"project_portfolio_setting: Unknown object: {gid}");
        FindPortfolio(setting.PortfolioGid);
        var sel = Fields(ctx);
        return Single(ctx, w => _writer.ProjectPortfolioSetting(w, setting, sel));
    }

    /// <summary><c>GET /portfolios/{gid}/portfolio_memberships?user=</c>: the older endpoint, user members only.</summary>
    private ResponseBody PortfolioMembershipsOfPortfolio(HttpContext ctx) =>
        DeprecatedPortfolioMemberships(ctx, [FindPortfolio(Route(ctx))]);

    /// <summary><c>GET /portfolio_memberships</c>: <c>portfolio</c>, <c>portfolio</c> and <c>user</c>, or <c>workspace</c> and <c>user</c>.</summary>
    private ResponseBody PortfolioMembershipsQuery(HttpContext ctx)
    {
        if (Query(ctx, "portfolio") is { } portfolio)
        {
            return DeprecatedPortfolioMemberships(ctx, [FindPortfolio(portfolio, "portfolio")]);
        }

        if (Query(ctx, "workspace") is null || Query(ctx, "user") is null)
        {
            throw new ApiException(400, "portfolio: Missing input. You must specify portfolio, portfolio and user, or workspace and user.");
        }

        RequireWorkspace(Query(ctx, "workspace"));
        return DeprecatedPortfolioMemberships(ctx, _org.PortfolioList.Where(Reads).ToList());
    }

    private ResponseBody DeprecatedPortfolioMemberships(HttpContext ctx, List<SimPortfolio> portfolios)
    {
        var members = portfolios.SelectMany(p => p.Members).Where(m => m.Kind == MemberKind.User);
        if (Query(ctx, "user") is { } user)
        {
            var u = FindUser(user);
            members = members.Where(m => m.MemberGid == u.Gid);
        }

        return Page(ctx, members.ToList(), _writer.DeprecatedPortfolioMembership);
    }

    /// <summary><c>GET /memberships?parent={portfolio}&amp;member=</c>: users and teams, PortfolioMembershipCompactResponse.</summary>
    private ResponseBody PortfolioMemberships(HttpContext ctx, SimPortfolio portfolio, string? member)
    {
        var list = member is null ? portfolio.Members : portfolio.Members.Where(m => m.MemberGid == member).ToList();
        return Page(ctx, list, (w, m, _) => _writer.PortfolioMembership(w, m));
    }

    /// <summary>The portfolio: 404 when unknown, 403 when a personal token's user neither owns it nor is a member.</summary>
    private SimPortfolio FindPortfolio(string gid, string parameter = "portfolio")
    {
        var portfolio = _org.PortfoliosByGid.GetValueOrDefault(gid) ?? throw new ApiException(404, $"{parameter}: Unknown object: {gid}");
        return Reads(portfolio) ? portfolio : throw new ApiException(403, "Forbidden: you do not have access to this portfolio.");
    }

    /// <summary>Whether the token may read the portfolio: a service account any; a personal token its owner's and its members'.</summary>
    private bool Reads(SimPortfolio portfolio) =>
        _viewer is null || portfolio.OwnerGid == _viewer.Gid || _org.IsPortfolioMember(_viewer, portfolio);
}
