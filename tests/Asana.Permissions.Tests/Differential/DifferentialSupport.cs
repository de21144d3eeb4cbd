using System.Text;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Tests.Differential;

/// <summary>One disagreement between the engine and the naive reference.</summary>
public sealed record Mismatch(int Seed, bool Projectless, string Step, string User, string Task, string Why)
{
    public override string ToString()
        => $"seed {Seed}, projectless={Projectless}, {Step}: user {User}, task {Task}: {Why}";
}

/// <summary>Over-grants (engine allows, reference denies) and under-grants (the reverse), kept apart.</summary>
public sealed class MismatchLog
{
    public List<Mismatch> OverGrants { get; } = [];

    public List<Mismatch> UnderGrants { get; } = [];

    public List<Mismatch> Errors { get; } = [];

    public int PairsCompared { get; set; }

    /// <summary>How many changes of each kind were applied (incremental runs).</summary>
    public SortedDictionary<string, int> Changes { get; } = new(StringComparer.Ordinal);

    public static string Describe(IReadOnlyList<Mismatch> mismatches, int pairs)
    {
        var text = new StringBuilder();
        text.Append(mismatches.Count).Append(" of ").Append(pairs).AppendLine(" pairs; first cases:");
        foreach (var m in mismatches.Take(8))
        {
            text.Append("  - ").AppendLine(m.ToString());
        }

        return text.ToString();
    }
}

internal static class DifferentialSupport
{
    public const string UnknownUser = "4040404040404";
    public const string UnknownTask = "5050505050505";

    /// <summary>Every gid worth asking about as a user: listed users, unlisted followers/assignees, and an unknown gid.</summary>
    public static List<string> UserCandidates(WorkspaceData data)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal) { UnknownUser };
        foreach (var u in data.Users)
        {
            set.Add(u.Gid);
        }

        foreach (var t in data.Tasks)
        {
            if (t.AssigneeGid is not null)
            {
                set.Add(t.AssigneeGid);
            }

            foreach (var f in t.FollowerGids)
            {
                set.Add(f);
            }
        }

        return [.. set];
    }

    public static string DescribeUser(WorkspaceData data, string userGid)
    {
        var m = data.WorkspaceMemberships.FirstOrDefault(x => x.UserGid == userGid);
        var listed = data.Users.Any(u => u.Gid == userGid);
        var kind = m is null
            ? "no workspace membership"
            : $"{(m.IsActive ? "active" : "INACTIVE")}{(m.IsGuest ? " guest" : string.Empty)}{(m.IsAdmin ? " admin" : string.Empty)}";
        var teams = string.Join(",", data.TeamMemberships.Where(t => t.UserGid == userGid).Select(t => t.TeamGid));
        return $"{userGid} ({kind}{(listed ? string.Empty : ", unlisted")}{(teams.Length > 0 ? ", teams " + teams : string.Empty)})";
    }

    public static string DescribeTask(WorkspaceData data, string taskGid)
    {
        var t = data.Tasks.FirstOrDefault(x => x.Gid == taskGid);
        if (t is null)
        {
            return $"{taskGid} (not in data)";
        }

        var projects = string.Join(",", t.Memberships.Select(p =>
        {
            var project = data.Projects.FirstOrDefault(x => x.Gid == p.ProjectGid);
            return project is null ? $"{p.ProjectGid}[missing]" : $"{p.ProjectGid}[{project.PrivacySetting},team={project.TeamGid ?? "-"}]";
        }));
        return $"{taskGid} (assignee={t.AssigneeGid ?? "-"}, followers=[{string.Join(",", t.FollowerGids)}], projects=[{projects}], parent={t.ParentGid ?? "-"})";
    }

    public static string EngineReason(WorkspacePermissions engine, string user, string task)
    {
        try
        {
            var decision = engine.Explain(user, task);
            return decision.Allowed
                ? "engine: " + string.Join(" | ", decision.Because.Select(b => $"{b.Kind}: {b.Description}"))
                : "engine denies: " + decision.DenialReason;
        }
        catch (Exception ex)
        {
            return "engine Explain threw " + ex.GetType().Name;
        }
    }

    /// <summary>Compares engine.CanView with the naive reference for every (user, task) pair.</summary>
    public static void CompareAllPairs(
        WorkspacePermissions engine,
        WorkspaceData data,
        bool projectless,
        int seed,
        string step,
        MismatchLog log,
        IEnumerable<string>? extraTaskGids = null)
    {
        var users = UserCandidates(data);
        var tasks = data.Tasks.Select(t => t.Gid).Append(UnknownTask).Concat(extraTaskGids ?? []).Distinct().ToList();
        foreach (var user in users)
        {
            foreach (var task in tasks)
            {
                log.PairsCompared++;
                var naiveWhy = NaiveVisibility.Why(data, user, task, projectless);
                var expected = naiveWhy is not null;
                bool actual;
                try
                {
                    actual = engine.CanView(user, task);
                }
                catch (Exception ex)
                {
                    log.Errors.Add(new Mismatch(seed, projectless, step, DescribeUser(data, user), DescribeTask(data, task), "CanView threw " + ex.GetType().Name + ": " + ex.Message));
                    continue;
                }

                if (actual && !expected)
                {
                    log.OverGrants.Add(new Mismatch(seed, projectless, step, DescribeUser(data, user), DescribeTask(data, task), EngineReason(engine, user, task)));
                }
                else if (!actual && expected)
                {
                    log.UnderGrants.Add(new Mismatch(seed, projectless, step, DescribeUser(data, user), DescribeTask(data, task), "reference: " + naiveWhy));
                }
            }
        }
    }
}
