using System.Globalization;
using Npgsql;

namespace Asana.Permissions.Console.Cli;

/// <summary>
/// Where <c>--db</c> points: a SQLite file (any path) or a PostgreSQL database
/// (<c>postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=...]</c>, also <c>postgres://</c>).
/// </summary>
/// <param name="Path">The SQLite file as a full path; null for PostgreSQL.</param>
/// <param name="ConnectionString">The Npgsql connection string; null for SQLite.</param>
/// <param name="Description">Where the store is, for messages: the path, or database, host and port (never the password).</param>
internal sealed record StoreLocation(string? Path, string? ConnectionString, string Description)
{
    private static readonly string[] Schemes = ["postgresql://", "postgres://"];

    /// <summary>Whether the store is a PostgreSQL database.</summary>
    public bool IsPostgreSql => ConnectionString is not null;

    /// <summary>Reads a --db value; a malformed URI is a usage error that never repeats the password.</summary>
    public static StoreLocation Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException("--db needs a file path or a postgresql://USER[:PASSWORD]@HOST[:PORT]/DB URI");
        }

        if (IsPostgreSqlUri(value))
        {
            var connectionString = ToConnectionString(value);
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var description = string.Create(CultureInfo.InvariantCulture, $"the PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}");
            return new StoreLocation(null, connectionString, description);
        }

        try
        {
            var path = System.IO.Path.GetFullPath(value);
            return new StoreLocation(path, null, path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"--db {value} is not a valid path: {ex.Message}");
        }
    }

    /// <summary>Whether the text is meant as a PostgreSQL URI.</summary>
    public static bool IsPostgreSqlUri(string value) => Schemes.Any(s => value.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>The password of a PostgreSQL URI, as written and percent-decoded (to mask both in output); empty otherwise.</summary>
    public static IEnumerable<string> Secrets(string value)
    {
        if (!IsPostgreSqlUri(value))
        {
            yield break;
        }

        var rest = value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var at = rest.LastIndexOf('@');
        var colon = at < 0 ? -1 : rest.IndexOf(':');
        if (colon < 0 || colon > at)
        {
            yield break;
        }

        var password = rest[(colon + 1)..at];
        yield return password;
        yield return Uri.UnescapeDataString(password);
    }

    /// <summary>
    /// <c>postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?key=value&amp;...]</c> as an Npgsql connection string:
    /// user, password and database percent-decoded; query parameters are connection string keywords
    /// (<c>sslmode</c>, <c>application_name</c>, any Npgsql keyword).
    /// </summary>
    private static string ToConnectionString(string uri)
    {
        const string Expected = "--db must be a file path or postgresql://USER[:PASSWORD]@HOST[:PORT]/DB";
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal) + 3;
        var rest = uri[schemeEnd..];
        var queryStart = rest.IndexOf('?');
        var query = queryStart < 0 ? string.Empty : rest[(queryStart + 1)..];
        rest = queryStart < 0 ? rest : rest[..queryStart];
        var slash = rest.IndexOf('/');
        var authority = slash < 0 ? rest : rest[..slash];
        var database = slash < 0 ? string.Empty : Decode(rest[(slash + 1)..]);
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? string.Empty : authority[..at];
        var hostPort = at < 0 ? authority : authority[(at + 1)..];
        var colon = userInfo.IndexOf(':');
        var user = Decode(colon < 0 ? userInfo : userInfo[..colon]);
        var password = colon < 0 ? null : Decode(userInfo[(colon + 1)..]);
        string host;
        int? port = null;
        if (hostPort.StartsWith('['))
        {
            // An IPv6 literal: [::1]:5432.
            var close = hostPort.IndexOf(']');
            if (close < 0)
            {
                throw new UsageException(Expected);
            }

            host = hostPort[1..close];
            port = ParsePort(hostPort[(close + 1)..]);
        }
        else
        {
            var portColon = hostPort.LastIndexOf(':');
            host = portColon < 0 ? hostPort : hostPort[..portColon];
            port = portColon < 0 ? null : ParsePort(hostPort[portColon..]);
        }

        if (user.Length == 0 || host.Length == 0 || database.Length == 0 || database.Contains('/'))
        {
            throw new UsageException(Expected);
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = Decode(host), Username = user, Database = database };
        if (password is not null)
        {
            builder.Password = password;
        }

        if (port is { } p)
        {
            builder.Port = p;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (key.Equals("password", StringComparison.OrdinalIgnoreCase) || key.Equals("user", StringComparison.OrdinalIgnoreCase))
            {
                builder[key == "user" ? "Username" : "Password"] = value;
                continue;
            }

            try
            {
                builder[key.Replace('_', ' ')] = value;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or KeyNotFoundException)
            {
                // Only the parameter's name: its value might be a secret.
                throw new UsageException($"--db: the PostgreSQL parameter {key} is unknown or its value is not valid");
            }
        }

        return builder.ConnectionString;

        static int ParsePort(string text)
        {
            if (text.Length == 0)
            {
                return 5432;
            }

            return text[0] == ':' && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 65536
                ? value
                : throw new UsageException("--db: the port of a postgresql:// URI must be a number from 1 to 65535");
        }

        static string Decode(string text)
        {
            try
            {
                return Uri.UnescapeDataString(text);
            }
            catch (UriFormatException)
            {
                throw new UsageException(Expected);
            }
        }
    }
}
