using Asana.Permissions.Console.Cli;
using Asana.Permissions.Sources;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Microsoft.Data.Sqlite;

namespace Asana.Permissions.Console.Commands;

/// <summary>Opens the SQLite store for a command and resolves its workspace and users, with one-line errors.</summary>
internal sealed class StoreSession : IDisposable
{
    private StoreSession(SqlitePermissionStore store, string path)
    {
        Store = store;
        Path = path;
    }

    public SqlitePermissionStore Store { get; }

    public string Path { get; }

    /// <summary>The --db value (default: a file in the current folder), as a full path.</summary>
    public static string DatabasePath(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException("--db needs a file path");
        }

        try
        {
            return System.IO.Path.GetFullPath(value);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"--db {value} is not a valid path: {ex.Message}");
        }
    }

    /// <summary>
    /// Opens an existing store: reading commands never create one, and open it read-only, so they never migrate or write
    /// it either (a file that is not our store, or is from another version, stays byte-identical).
    /// </summary>
    public static async Task<StoreSession> OpenExistingAsync(string path, bool readOnly, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"cannot open database {path}: it is a directory");
        }

        if (!File.Exists(path))
        {
            throw new CliException($"cannot open database {path}: no such file (run 'sync' first, or pass --db; demo writes {Defaults.DemoDatabase})");
        }

        return await OpenAsync(path, readOnly, cancellationToken);
    }

    /// <summary>Opens the store, creating the file when missing.</summary>
    public static Task<StoreSession> OpenAsync(string path, CancellationToken cancellationToken) => OpenAsync(path, readOnly: false, cancellationToken);

    private static async Task<StoreSession> OpenAsync(string path, bool readOnly, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"cannot open database {path}: it is a directory");
        }

        SqlitePermissionStore? store = null;
        try
        {
            store = readOnly ? SqlitePermissionStore.OpenReadOnly(path) : new SqlitePermissionStore(path);
            await store.InitializeAsync(cancellationToken);
            // A cheap read proves the file is a database we can use (not just a file SQLite could create).
            await store.ListWorkspacesAsync(cancellationToken);
            return new StoreSession(store, path);
        }
        catch (Exception ex) when (ex is PermissionStoreException or SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            store?.Dispose();
            throw new CliException($"cannot open database {path}: {ex.Message}");
        }
    }

    /// <summary>
    /// The workspace a reading command works on: the one named by --workspace (which must be in the store), or the only
    /// one the store holds.
    /// </summary>
    public async Task<WorkspaceRecord> ResolveWorkspaceAsync(string? workspaceGid, CancellationToken cancellationToken)
    {
        var workspaces = await Store.ListWorkspacesAsync(cancellationToken);
        if (workspaceGid is not null)
        {
            return workspaces.FirstOrDefault(w => w.Gid == workspaceGid)
                ?? throw new CliException($"unknown workspace {workspaceGid} (the store {Path} holds {Describe(workspaces)})");
        }

        return workspaces.Count switch
        {
            0 => throw new CliException($"the store {Path} holds no synced workspace (run 'sync' first)"),
            1 => workspaces[0],
            _ => throw new UsageException($"the store holds {workspaces.Count} workspaces ({string.Join(", ", workspaces.Select(w => w.Gid))}): name one with --workspace"),
        };
    }

    /// <summary>A user gid or email (case-insensitive) to the user gid; an unknown user is an error.</summary>
    public async Task<string> ResolveUserAsync(string user, WorkspaceRecord workspace, CancellationToken cancellationToken) =>
        await Store.ResolveUserAsync(user, workspace.Gid, cancellationToken)
            ?? throw new CliException($"unknown user {user} in workspace {workspace.Gid}");

    public void Dispose() => Store.Dispose();

    private static string Describe(IReadOnlyList<WorkspaceRecord> workspaces) => workspaces.Count switch
    {
        0 => "no workspace",
        _ => "workspace " + string.Join(", ", workspaces.Select(w => w.Gid)),
    };
}
