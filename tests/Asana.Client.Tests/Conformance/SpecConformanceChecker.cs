using System.Globalization;
using System.Text.RegularExpressions;

namespace Asana.Client.Tests.Conformance;

/// <summary>
/// Checks one captured request, and the fields the wire layer reads from its answer, against the surface:
/// <list type="bullet">
/// <item>the method and path match an operation's path template;</item>
/// <item>every query parameter is declared for it (path-level ones included), every required one is sent, enum values
/// are declared values, booleans, integers and date-times are well-formed;</item>
/// <item>every <c>opt_fields</c> entry is in the operation's <c>opt_fields</c> enum;</item>
/// <item>every field of a JSON request body is declared in the operation's request body schema;</item>
/// <item>every field read exists in the success response. List endpoints declare their compact record as the 200 schema
/// and document the rest of the representation through the <c>opt_fields</c> enum, so a field is known when it is in
/// the schema, or in that enum, or is the <c>gid</c> or <c>resource_type</c> of an object the enum names (one with
/// sub-fields there): Asana returns both on every object.</item>
/// </list>
/// Findings on the <see cref="KnownSpecDefects"/> list are left out.
/// </summary>
internal sealed class SpecConformanceChecker(ApiSurface surface, IReadOnlyList<KnownSpecDefect>? allowed = null)
{
    private static readonly Regex DateTime = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private readonly IReadOnlyList<KnownSpecDefect> _allowed = allowed ?? KnownSpecDefects.All;
    private readonly List<(SurfaceOperation Operation, Regex Template, int Literals)> _templates = surface.Operations
        .Select(o => (o, Template(o.Path), o.Path.Split('/').Count(s => s.Length > 0 && !s.StartsWith('{'))))
        .ToList();

    /// <summary>The allow-list entries that excused a finding so far.</summary>
    public HashSet<KnownSpecDefect> UsedAllowances { get; } = [];

    /// <summary>The operation the request matches, or null.</summary>
    public SurfaceOperation? Match(CapturedRequest request) =>
        _templates
            .Where(t => string.Equals(t.Operation.Method, request.Method, StringComparison.OrdinalIgnoreCase) && t.Template.IsMatch(request.Path))
            .OrderByDescending(t => t.Literals)
            .Select(t => t.Operation)
            .FirstOrDefault();

    /// <summary>The findings for <paramref name="request"/>, whose 200 body the wire layer reads as <paramref name="wireType"/>.</summary>
    public IReadOnlyList<SpecViolation> Check(CapturedRequest request, Type? wireType)
    {
        var operation = Match(request);
        if (operation is null)
        {
            return
            [
                new(null, "path", $"{request.Method} {request.Path} matches no operation in {ApiSurface.FileName}: not in Asana's spec, " +
                                  "or add its operationId to tests/tools/Asana.OpenApiSurface/ClientOperations.cs and regenerate"),
            ];
        }

        var found = new List<SpecViolation>();
        var where = $"{operation.Method} {operation.Path} ({operation.OperationId})";
        var declared = operation.Parameters.Where(p => p.In == "query").ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            if (!declared.TryGetValue(name, out var parameter))
            {
                found.Add(new(operation.OperationId, $"query:{name}", $"{where}: query parameter '{name}' is not declared"));
                continue;
            }

            if (name == "opt_fields")
            {
                foreach (var field in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!operation.OptFields.Contains(field, StringComparer.Ordinal))
                    {
                        found.Add(new(operation.OperationId, $"opt_fields:{field}", $"{where}: opt_fields entry '{field}' is not declared"));
                    }
                }

                continue;
            }

            if (ValueProblem(parameter, value) is { } problem)
            {
                found.Add(new(operation.OperationId, $"value:{name}", $"{where}: value '{value}' of '{name}' {problem}"));
            }
        }

        foreach (var required in declared.Values.Where(p => p.Required && request.Query.All(q => q.Key != p.Name)))
        {
            found.Add(new(operation.OperationId, $"required:{required.Name}", $"{where}: required query parameter '{required.Name}' is not sent"));
        }

        if (!string.IsNullOrEmpty(request.Body))
        {
            foreach (var field in BodyFields(request.Body).Where(f => operation.RequestFields?.Contains(f, StringComparer.Ordinal) != true))
            {
                found.Add(new(operation.OperationId, $"request:{field}", $"{where}: the request body holds field '{field}', which the request body schema does not declare"));
            }
        }

        if (wireType is not null)
        {
            foreach (var field in WireFields.Of(wireType).Where(f => !IsKnownResponseField(operation, f)))
            {
                found.Add(new(operation.OperationId, $"response:{field}", $"{where}: the wire layer reads response field '{field}', which the 200 response does not declare"));
            }
        }

        return found.Where(v => !IsAllowed(v)).ToList();
    }

    /// <summary>Every field name of a JSON body as a dotted path from its root; array items share their array's name.</summary>
    internal static IReadOnlyList<string> BodyFields(string json)
    {
        var fields = new List<string>();
        Walk(System.Text.Json.Nodes.JsonNode.Parse(json), null);
        return fields;

        void Walk(System.Text.Json.Nodes.JsonNode? node, string? prefix)
        {
            switch (node)
            {
                case System.Text.Json.Nodes.JsonObject obj:
                    foreach (var (name, value) in obj)
                    {
                        var path = prefix is null ? name : prefix + "." + name;
                        fields.Add(path);
                        Walk(value, path);
                    }

                    break;
                case System.Text.Json.Nodes.JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item, prefix);
                    }

                    break;
            }
        }
    }

    private static bool IsKnownResponseField(SurfaceOperation operation, string field)
    {
        if (operation.ResponseFields.Contains(field, StringComparer.Ordinal))
        {
            return true;
        }

        if (!field.StartsWith("data.", StringComparison.Ordinal))
        {
            return false;
        }

        var inRecord = field["data.".Length..];
        if (operation.OptFields.Contains(inRecord, StringComparer.Ordinal))
        {
            return true;
        }

        var dot = inRecord.LastIndexOf('.');
        if (dot < 0 || inRecord[(dot + 1)..] is not ("gid" or "resource_type"))
        {
            return false;
        }

        var owner = inRecord[..dot] + ".";
        return operation.OptFields.Any(f => f.StartsWith(owner, StringComparison.Ordinal));
    }

    private static string? ValueProblem(SurfaceParameter parameter, string value)
    {
        if (parameter.Enum is { Count: > 0 } values && !values.Contains(value, StringComparer.Ordinal))
        {
            return $"is not among the declared values [{string.Join(", ", values)}]";
        }

        return parameter.Type switch
        {
            "boolean" when value is not ("true" or "false") => "is not a boolean",
            "integer" when !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => "is not an integer",
            _ when parameter.Format == "date-time" && !DateTime.IsMatch(value) => "is not an RFC 3339 date-time",
            _ => null,
        };
    }

    /// <summary>A path template (<c>/tasks/{task_gid}</c>) as an anchored regex, each <c>{...}</c> one segment; Refit routes use it too.</summary>
    internal static Regex Template(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private bool IsAllowed(SpecViolation violation)
    {
        var entry = _allowed.FirstOrDefault(a => a.OperationId == violation.OperationId && a.Key == violation.Key);
        if (entry is null)
        {
            return false;
        }

        UsedAllowances.Add(entry);
        return true;
    }
}
