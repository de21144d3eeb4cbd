using Asana.Permissions.Console.Cli;
using Asana.Permissions.Sources;
using Asana.Sync.PostgreSql;
using Asana.Sync.Sqlite;
using Asana.Sync.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Asana.Permissions.Console.Commands;

/// <summary>
/// Opens the store --db names (a SQLite file or a PostgreSQL database) for a command and resolves its workspace and
/// users, with one-line errors. Commands see it only through <see cref="IPermissionReader"/> and <see cref="IPermissionStore"/>.
/// </summary>
internal sealed class StoreSession : IAsyncDisposable
{
    private readonly object _store;

    private StoreSession(object store, StoreLocation location)
    {
        _store = store;
        Location = location;
    }

    /// <summary>The reading side of the store.</summary>
    public IPermissionReader Reader => (IPermissionReader)_store;

    /// <summary>The writing side of the store (sync, purge).</summary>
    public IPermissionStore Store => (IPermissionStore)_store;

    public StoreLocation Location { get; }

    /// <summary>Where the store is, for messages (never a password).</summary>
    public string Description => Location.Description;

    /// <summary>
    /// Opens an existing store: reading commands never create one, and open a SQLite file read-only, so they never
    /// migrate or write it either (a file that is not our store, or is from another version, stays byte-identical). A
    /// PostgreSQL database must already hold a store.
    /// </summary>
    public static async Task<StoreSession> OpenExistingAsync(StoreLocation location, bool readOnly, CancellationToken cancellationToken)
    {
        if (location.Path is { } path)
        {
            if (Directory.Exists(path))
            {
                throw new CliException($"cannot open database {path}: it is a directory");
            }

            if (!File.Exists(path))
            {
                throw new CliException($"cannot open database {path}: no such file (run 'sync' first, or pass --db; demo writes {Defaults.DemoDatabase})");
            }
        }

        return await OpenAsync(location, readOnly, mustExist: true, cancellationToken);
    }

    /// <summary>Opens the store, creating the file or the tables when missing.</summary>
    public static Task<StoreSession> OpenAsync(StoreLocation location, CancellationToken cancellationToken) =>
        OpenAsync(location, readOnly: false, mustExist: false, cancellationToken);

    private static async Task<StoreSession> OpenAsync(StoreLocation location, bool readOnly, bool mustExist, CancellationToken cancellationToken)
    {
        if (location.Path is { } path && Directory.Exists(path))
        {
            throw new CliException($"cannot open database {path}: it is a directory");
        }

        object? store = null;
        try
        {
            if (location.ConnectionString is { } connectionString)
            {
                var postgres = new PostgreSqlPermissionStore(connectionString);
                store = postgres;
                if (mustExist && await postgres.GetSchemaVersionAsync(cancellationToken) == 0)
                {
                    throw new CliException($"{location.Description} holds no store (run 'sync' first)");
                }

                await postgres.InitializeAsync(cancellationToken);
            }
            else
            {
                var sqlite = readOnly ? SqlitePermissionStore.OpenReadOnly(location.Path!) : new SqlitePermissionStore(location.Path!);
                store = sqlite;
                await sqlite.InitializeAsync(cancellationToken);
            }

            // A cheap read proves the store is one we can use (not just a file SQLite could create).
            await ((IPermissionReader)store).ListWorkspacesAsync(cancellationToken);
            return new StoreSession(store, location);
        }
        catch (Exception ex) when (ex is PermissionStoreException or SqliteException or NpgsqlException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await DisposeStoreAsync(store);
            // The PostgreSQL store already names the database in its own "Cannot open ..." message: keep only the cause.
            var cause = ex is InvalidOperationException { InnerException: NpgsqlException or TimeoutException } opening ? opening.InnerException!.Message : ex.Message;
            throw new CliException(location.IsPostgreSql ? $"cannot open {location.Description}: {cause}" : $"cannot open database {location.Description}: {cause}");
        }
        catch
        {
            await DisposeStoreAsync(store);
            throw;
        }
    }

    /// <summary>
    /// The workspace a reading command works on: the one named by --workspace (which must be in the store), or the only
    /// one the store holds.
    /// </summary>
    public async Task<WorkspaceRecord> ResolveWorkspaceAsync(string? workspaceGid, CancellationToken cancellationToken)
    {
        var workspaces = await Reader.ListWorkspacesAsync(cancellationToken);
        if (workspaceGid is not null)
        {
            return workspaces.FirstOrDefault(w => w.Gid == workspaceGid)
                ?? throw new CliException($"unknown workspace {workspaceGid} (the store {Description} holds {Describe(workspaces)})");
        }

        return workspaces.Count switch
        {
            0 => throw new CliException($"the store {Description} holds no synced workspace (run 'sync' first)"),
            1 => workspaces[0],
            _ => throw new UsageException($"the store holds {workspaces.Count} workspaces ({string.Join(", ", workspaces.Select(w => w.Gid))}): name one with --workspace"),
        };
    }

    /// <summary>A user gid or email (case-insensitive) to the user gid; an unknown user is an error.</summary>
    public async Task<string> ResolveUserAsync(string user, WorkspaceRecord workspace, CancellationToken cancellationToken) =>
        await Reader.ResolveUserAsync(workspace.Gid, user, cancellationToken)
            ?? throw new CliException($"unknown user {user} in workspace {workspace.Gid}");

    public ValueTask DisposeAsync() => DisposeStoreAsync(_store);

    private static async ValueTask DisposeStoreAsync(object? store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private static string Describe(IReadOnlyList<WorkspaceRecord> workspaces) => workspaces.Count switch
    {
        0 => "no workspace",
        _ => "workspace " + string.Join(", ", workspaces.Select(w => w.Gid)),
    };
}
