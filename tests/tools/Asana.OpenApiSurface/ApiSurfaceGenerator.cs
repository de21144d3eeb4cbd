using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Asana.OpenApiSurface;

/// <summary>
/// Reads Asana's OpenAPI description and writes the facts the conformance test checks requests against, for the
/// operations in <see cref="ClientOperations"/>: method and path template, the query and path parameters (path-level
/// ones included) with their type, format, required flag and enum, the <c>opt_fields</c> enum, and the dotted names of
/// every field in the 200 (or 201) response schema and, for writes, in the JSON request body schema ($ref, allOf,
/// anyOf and oneOf resolved). Names and values only: no prose.
/// The output is deterministic (sorted), so a regenerated file diffs cleanly against the committed one.
/// </summary>
public static class ApiSurfaceGenerator
{
    /// <summary>Where the committed surface came from.</summary>
    public const string DefaultSource = "Asana/openapi defs/asana_oas.yaml at commit fc9f8dc (2026-06-11)";

    /// <summary>Response fields are followed this many names deep (<c>data.memberships.project.gid</c> is 4).</summary>
    public const int MaxFieldDepth = 5;

    /// <summary>
    /// The repository root: the first directory from <paramref name="start"/> upwards holding Asana.Permissions.sln, or
    /// null outside the repository.
    /// </summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Asana.Permissions.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Where Asana's OpenAPI description lies beside the repository: <c>../shared/reference/asana_oas.yaml</c>, which may not exist.</summary>
    public static string DefaultSpecPath(string repositoryRoot) =>
        Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "reference", "asana_oas.yaml"));

    public static async Task<OpenApiDocument> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var result = await OpenApiDocument.LoadAsync(path, settings, cancellationToken);
        if (result.Document is null || result.Diagnostic?.Errors.Count > 0)
        {
            var errors = string.Join("; ", result.Diagnostic?.Errors.Select(e => e.Message) ?? []);
            throw new InvalidDataException($"{path} is not a readable OpenAPI description: {errors}");
        }

        return result.Document;
    }

    public static string Generate(OpenApiDocument document, string source = DefaultSource)
    {
        var found = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (template, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (operation.OperationId is { } id && ClientOperations.OperationIds.Contains(id, StringComparer.Ordinal))
                {
                    found[id] = Operation(method.Method.ToUpperInvariant(), template, item, operation);
                }
            }
        }

        var missing = ClientOperations.OperationIds.Where(id => !found.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The description has no operation {string.Join(", ", missing)}.");
        }

        var root = new JsonObject
        {
            ["_note"] = "Generated; do not edit. Facts derived from " + source + " by tests/tools/Asana.OpenApiSurface " +
                        "(see its README.md to regenerate): per operation the client calls, its parameters, opt_fields enum and 200 response field names.",
            ["source"] = source,
            ["operations"] = new JsonArray([.. ClientOperations.OperationIds.Order(StringComparer.Ordinal).Select(id => (JsonNode)found[id])]),
        };

        var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return json.ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject Operation(string method, string template, IOpenApiPathItem item, OpenApiOperation operation)
    {
        // Operation-level parameters override path-level ones of the same name and location.
        var parameters = new Dictionary<(string, ParameterLocation?), IOpenApiParameter>();
        foreach (var parameter in (item.Parameters ?? []).Concat(operation.Parameters ?? []))
        {
            parameters[(parameter.Name!, parameter.In)] = parameter;
        }

        var optFields = new List<string>();
        var parameterNodes = new JsonArray();
        foreach (var parameter in parameters.Values.OrderBy(p => p.In.ToString(), StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            var node = new JsonObject
            {
                ["name"] = parameter.Name,
                ["in"] = parameter.In?.ToString().ToLowerInvariant(),
                ["required"] = parameter.Required,
                ["type"] = TypeName(parameter.Schema?.Type),
            };
            if (parameter.Schema?.Format is { } format)
            {
                node["format"] = format;
            }

            var values = Enum(parameter.Schema);
            if (parameter.Name == "opt_fields")
            {
                optFields.AddRange(Enum(parameter.Schema?.Items));
            }
            else if (values.Count > 0)
            {
                node["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
            }

            parameterNodes.Add(node);
        }

        // The success answer: 200, or 201 for a creation (POST /webhooks).
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        IOpenApiResponse? response = null;
        if ((operation.Responses?.TryGetValue("200", out response) == true || operation.Responses?.TryGetValue("201", out response) == true)
            && response?.Content?.TryGetValue("application/json", out var media) == true
            && media.Schema is { } schema)
        {
            Collect(schema, prefix: null, depth: 0, fields, []);
        }

        var operationNode = new JsonObject
        {
            ["operationId"] = operation.OperationId,
            ["method"] = method,
            ["path"] = template,
            ["parameters"] = parameterNodes,
            ["optFields"] = new JsonArray([.. optFields.Distinct().Order(StringComparer.Ordinal).Select(f => (JsonNode)f)]),
            ["responseFields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]),
        };

        // Writes: the field names their JSON request body may hold (reads have none, and no entry).
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var requestMedia) == true && requestMedia.Schema is { } requestSchema)
        {
            var requestFields = new SortedSet<string>(StringComparer.Ordinal);
            Collect(requestSchema, prefix: null, depth: 0, requestFields, []);
            operationNode["requestFields"] = new JsonArray([.. requestFields.Select(f => (JsonNode)f)]);
        }

        return operationNode;
    }

    private static void Collect(IOpenApiSchema schema, string? prefix, int depth, SortedSet<string> fields, HashSet<string> referencesOnPath)
    {
        // A schema that refers back to itself (a task's parent is a task) is followed once per path.
        var id = (schema as OpenApiSchemaReference)?.Reference.Id;
        if (id is not null && !referencesOnPath.Add(id))
        {
            return;
        }

        try
        {
            foreach (var part in (schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []))
            {
                Collect(part, prefix, depth, fields, referencesOnPath);
            }

            if (schema.Items is { } items)
            {
                Collect(items, prefix, depth, fields, referencesOnPath);
            }

            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                var path = prefix is null ? name : prefix + "." + name;
                fields.Add(path);
                if (depth + 1 < MaxFieldDepth)
                {
                    Collect(property, path, depth + 1, fields, referencesOnPath);
                }
            }
        }
        finally
        {
            if (id is not null)
            {
                referencesOnPath.Remove(id);
            }
        }
    }

    private static List<string> Enum(IOpenApiSchema? schema) =>
        schema?.Enum is { Count: > 0 } values
            ? values.Select(v => v is JsonValue value && value.TryGetValue<string>(out var text) ? text : v?.ToJsonString() ?? "null").ToList()
            : [];

    private static string? TypeName(JsonSchemaType? type)
    {
        if (type is not { } value)
        {
            return null;
        }

        var names = new StringBuilder();
        foreach (var flag in System.Enum.GetValues<JsonSchemaType>())
        {
            if (flag != 0 && value.HasFlag(flag))
            {
                names.Append(names.Length == 0 ? string.Empty : "|").Append(flag.ToString().ToLowerInvariant());
            }
        }

        return names.ToString();
    }
}
