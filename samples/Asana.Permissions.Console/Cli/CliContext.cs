using System.Text.Json;
using Asana.Permissions.Console.Output;

namespace Asana.Permissions.Console.Cli;

/// <summary>Where a command writes and what it may read from its environment; tests build one over string writers.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal, bool stderrIsTerminal, Func<string, string?> environment)
    {
        Stdout = stdout;
        Stderr = stderr;
        StdoutIsTerminal = stdoutIsTerminal;
        Environment = environment;
        Scrubber = new SecretScrubber();
        Out = HumanWriter.Create(stdout, stdoutIsTerminal, Scrubber);
        Err = HumanWriter.Create(stderr, stderrIsTerminal, Scrubber);
    }

    /// <summary>The command's answer: JSON for visible/check/export/search, text for explain and demo.</summary>
    public TextWriter Stdout { get; }

    /// <summary>Progress, summaries, warnings, errors.</summary>
    public TextWriter Stderr { get; }

    public bool StdoutIsTerminal { get; }

    public Func<string, string?> Environment { get; }

    public SecretScrubber Scrubber { get; }

    /// <summary>Human-readable answer (stdout).</summary>
    public HumanWriter Out { get; }

    /// <summary>Human-readable progress and summaries (stderr).</summary>
    public HumanWriter Err { get; }

    /// <summary>A JSON writer over stdout (indented when stdout is a terminal); dispose it to flush.</summary>
    public Utf8JsonWriter CreateJsonWriter(out Stream stream)
    {
        stream = new TextWriterStream(Stdout);
        return new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = StdoutIsTerminal });
    }

    /// <summary>Flushes JSON written to <paramref name="stream"/> and ends it with a newline, so shells print the prompt on the next line.</summary>
    public async Task FinishJsonAsync(Stream stream, CancellationToken cancellationToken)
    {
        await stream.FlushAsync(cancellationToken);
        await Stdout.WriteLineAsync();
        await Stdout.FlushAsync(cancellationToken);
    }
}
