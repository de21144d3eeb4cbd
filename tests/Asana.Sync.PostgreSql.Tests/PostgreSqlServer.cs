using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Asana.Sync.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests run against, shared by every test class of the collection: the one that
/// <c>ASANA_TEST_POSTGRES</c> names (a connection string of a user that may create databases), or else a throwaway
/// server from the installed PostgreSQL (<c>pg_config --bindir</c>), in a temp folder on a free loopback port, stopped
/// and deleted at the end (also when the test run is cut short). Each store a test makes gets a database of its own.
/// Free of xunit (its fixture side is PostgreSqlServer.Fixture.cs), so the scale benchmark links this same file.
/// </summary>
public sealed partial class PostgreSqlServer : IAsyncDisposable
{
    /// <summary>The variable that names your own server instead of a throwaway one.</summary>
    public const string EnvironmentVariable = "ASANA_TEST_POSTGRES";

    private readonly object _stopLock = new();
    private string? _folder;
    private string? _binDirectory;
    private bool _stopped;

    /// <summary>A connection string of a user that may create databases (its database is left alone).</summary>
    public string AdminConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            AdminConnectionString = configured;
            return;
        }

        _binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(
            $"No PostgreSQL server for the tests: install one (Debian: apt-get install postgresql) so pg_config --bindir finds initdb and pg_ctl, or set {EnvironmentVariable} to a connection string of a server where the tests may create databases.");
        _folder = Path.Combine(Path.GetTempPath(), "asana-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);
        var asRoot = IsRoot();
        if (asRoot)
        {
            // The server refuses to run as root: the folder goes to the postgres user, who runs it.
            Run("chown", ["-R", "postgres:postgres", _folder]);
        }

        var data = Path.Combine(_folder, "data");
        var port = FreePort();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        RunServerTool(asRoot, "initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
        RunServerTool(asRoot, "pg_ctl", ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o", $"-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"]);
        AdminConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres" }.ConnectionString;
        await Task.CompletedTask;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "asana_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            // The name is this method's own (letters, digits, underscores), never input.
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/> (its pooled connections first).</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The data folder of the throwaway server (null for <c>ASANA_TEST_POSTGRES</c>): the postmaster's pid is its first line of postmaster.pid.</summary>
    public string? DataDirectory => _folder is null ? null : Path.Combine(_folder, "data");

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        lock (_stopLock)
        {
            if (_stopped || _folder is null || _binDirectory is null)
            {
                return;
            }

            _stopped = true;
            try
            {
                RunServerTool(IsRoot(), "pg_ctl", ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Not running (it never started, or is already gone).
            }

            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private void RunServerTool(bool asRoot, string tool, string[] arguments)
    {
        var path = Path.Combine(_binDirectory!, tool);
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static string? FindBinDirectory()
    {
        try
        {
            var bin = Run("pg_config", ["--bindir"]).Trim();
            if (File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            {
                return bin;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // No pg_config (it comes with libpq-dev): look where Debian installs servers.
        }

        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    private static bool IsRoot()
    {
        try
        {
            return Run("id", ["-u"]).Trim() == "0";
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return Environment.UserName == "root";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program to its end; throws with its output in one line when it fails.</summary>
    private static string Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish in 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            var text = string.Join(' ', (error.Result + " " + output.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {text}");
        }

        return output.Result;
    }
}
