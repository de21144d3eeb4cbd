using System.CommandLine;
using System.Text.Json;
using Asana.Permissions.Console.Cli;

namespace Asana.Permissions.Console.Commands;

/// <summary><c>visible --user U | --all-users</c>: a JSON array of task gids, or an object user gid → array.</summary>
internal sealed class VisibleCommand : Command
{
    private readonly Option<string> _user = CliOptions.User(required: false);
    private readonly Option<bool> _allUsers = new("--all-users") { Description = "Every user of the workspace: a JSON object, user gid -> array." };
    private readonly Option<string> _workspace = CliOptions.StoredWorkspace();
    private readonly Option<string> _database = CliOptions.Database();
    private readonly CliContext _context;

    public VisibleCommand(CliContext context)
        : base("visible", "JSON array of the task gids the user can see, or an object user gid -> array for every user.")
    {
        _context = context;
        Add(_user);
        Add(_allUsers);
        Add(_workspace);
        Add(_database);
        Validators.Add(result =>
        {
            var user = result.GetResult(_user) is not null;
            var allUsers = result.GetValue(_allUsers);
            if (user == allUsers)
            {
                result.AddError(allUsers ? "visible takes --user or --all-users, not both" : "visible needs --user or --all-users");
            }
        });
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var user = parseResult.GetValue(_user);
        await using var session = await StoreSession.OpenExistingAsync(StoreLocation.Parse(parseResult.GetRequiredValue(_database)), readOnly: true, cancellationToken);
        var workspace = await session.ResolveWorkspaceAsync(parseResult.GetValue(_workspace), cancellationToken);
        if (user is not null)
        {
            var userGid = await session.ResolveUserAsync(user, workspace, cancellationToken);
            var visible = await session.Reader.ListAccessibleAsync(workspace.Gid, userGid, cancellationToken);
            await using var json = _context.CreateJsonWriter(out var stream);
            WriteArray(json, visible);
            await json.FlushAsync(cancellationToken);
            await _context.FinishJsonAsync(stream, cancellationToken);
            return ExitCodes.Success;
        }

        var all = await session.Reader.ListAccessibleForAllUsersAsync(workspace.Gid, cancellationToken);
        await using (var json = _context.CreateJsonWriter(out var stream))
        {
            json.WriteStartObject();
            foreach (var (userGid, tickets) in all)
            {
                json.WritePropertyName(userGid);
                WriteArray(json, tickets);
                if (json.BytesPending > 64 * 1024)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }

            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
            await _context.FinishJsonAsync(stream, cancellationToken);
        }

        return ExitCodes.Success;
    }

    private static void WriteArray(Utf8JsonWriter json, IEnumerable<string> values)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
