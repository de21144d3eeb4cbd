namespace Asana.Permissions.Console.Cli;

/// <summary>The help text.</summary>
internal static class UsageText
{
    public const string DefaultBaseUrl = "https://app.asana.com/api/1.0";
    public const string DefaultDatabase = "asana-permissions.db";
    public const string DefaultDemoDatabase = "asana-permissions-demo.db";
    public const string TokenVariable = "ASANA_TOKEN";

    public const string Text = """
        asana-permissions: who can see which Asana task, synced into a local SQLite store.

        usage: asana-permissions <command> [options]

        commands:
          demo     [--db PATH] [--seed N]
                   Simulate an Asana organization in-process, sync it over loopback HTTP with the real client and
                   sync engine, show example decisions, and verify every (user, task) pair against the ground truth.
          sync     --workspace GID [--base-url URL] [--token T] [--db PATH] [--full] [--requests-per-minute N]
                   Sync one workspace. The token comes from --token or ASANA_TOKEN. The second and later runs are
                   incremental unless --full. N is the plan's quota, paced client-side (default 1500; free plan 150).
                   Summary on stderr.
          visible  --user GID-or-email | --all-users  [--workspace GID] [--db PATH]
                   JSON array of the task gids the user can see, or an object user gid -> array for every user.
          check    --user U --ticket GID [--workspace GID] [--db PATH]
                   JSON {"allowed": bool, "because": [...]}: the grants that allow it.
          explain  --user U --ticket GID [--workspace GID] [--db PATH]
                   Why the user can or cannot see the task, in words.
          search   --user U TEXT... [--limit N] [--workspace GID] [--db PATH]
                   Full-text search over task names and notes, trimmed to what the user can see (JSON array).
          export   [--workspace GID] [--db PATH]
                   The Merge-shaped model as JSON: workspace, roles, users, teams, collections, tickets.
          purge    --workspace GID [--db PATH]
                   Remove everything stored for a workspace.

        --verbose (sync, demo) prints the libraries' log lines (retries, throttling, phases) on stderr.
        defaults: --base-url https://app.asana.com/api/1.0, --db ./asana-permissions.db (demo: ./asana-permissions-demo.db).
        --workspace is needed by the reading commands only when the store holds several workspaces.
        exit codes: 0 success, 1 failure, 2 bad command line, 130 interrupted (Ctrl+C).
        """;
}
