using Asana.OpenApiSurface;

// Usage: dotnet run --project tests/tools/Asana.OpenApiSurface -- [asana_oas.yaml] [output.json]
// Defaults: ../shared/reference/asana_oas.yaml beside the repository, and the surface file the client tests read.
var root = ApiSurfaceGenerator.FindRepositoryRoot(Directory.GetCurrentDirectory())
    ?? throw new InvalidOperationException("Run from inside the repository (no Asana.Permissions.sln above the current directory).");
var input = args.Length > 0 ? args[0] : ApiSurfaceGenerator.DefaultSpecPath(root);
var output = args.Length > 1 ? args[1] : Path.Combine(root, "tests", "Asana.Client.Tests", "Conformance", "asana-api-surface.json");

var document = await ApiSurfaceGenerator.LoadAsync(input);
await File.WriteAllTextAsync(output, ApiSurfaceGenerator.Generate(document));
Console.WriteLine($"wrote {output} from {input}");
return 0;
