using System.Globalization;
using Asana.Permissions.Console.Cli;
using Spectre.Console;

namespace Asana.Permissions.Console.Output;

/// <summary>
/// Human-readable output on one stream: Spectre.Console tables and a live status line when the stream is a terminal,
/// plain aligned lines otherwise (pipes, files, tests). Every line goes through the <see cref="SecretScrubber"/>.
/// </summary>
internal abstract class HumanWriter
{
    protected HumanWriter(SecretScrubber scrubber) => Scrubber = scrubber;

    protected SecretScrubber Scrubber { get; }

    /// <summary>Writes nothing (progress nobody asked for).</summary>
    public static HumanWriter Silent { get; } = new PlainWriter(TextWriter.Null, new SecretScrubber());

    public static HumanWriter Create(TextWriter writer, bool terminal, SecretScrubber scrubber) =>
        terminal ? new SpectreWriter(writer, scrubber) : new PlainWriter(writer, scrubber);

    /// <summary>True when status updates replace each other in place (a terminal), so frequent ticks are welcome.</summary>
    public abstract bool IsLive { get; }

    public abstract void Line(string text = "");

    public abstract void Heading(string text);

    /// <summary>A table; numeric-looking cells are right-aligned.</summary>
    public abstract void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows);

    /// <summary>Runs <paramref name="work"/> while showing its latest status message.</summary>
    public abstract Task<T> WithStatusAsync<T>(string initial, Func<Action<string>, Task<T>> work);

    protected static bool IsNumeric(string cell) =>
        cell.Length > 0 && double.TryParse(cell.Replace(",", string.Empty, StringComparison.Ordinal).TrimEnd('s', '%', ' '), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private sealed class PlainWriter(TextWriter writer, SecretScrubber scrubber) : HumanWriter(scrubber)
    {
        private readonly Lock _gate = new();
        private string? _lastStatus;

        public override bool IsLive => false;

        public override void Line(string text = "")
        {
            lock (_gate)
            {
                writer.WriteLine(Scrubber.Scrub(text));
            }
        }

        public override void Heading(string text)
        {
            Line();
            Line(text);
        }

        public override void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
        {
            var all = rows.ToList();
            var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => i < r.Count ? r[i].Length : 0))).ToArray();
            var showHeader = headers.Any(h => h.Length > 0);
            if (showHeader)
            {
                Line("  " + string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
            }

            foreach (var row in all)
            {
                var cells = row.Select((c, i) => i > 0 && IsNumeric(c) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
                Line("  " + string.Join("  ", cells).TrimEnd());
            }
        }

        public override async Task<T> WithStatusAsync<T>(string initial, Func<Action<string>, Task<T>> work)
        {
            Line(initial);
            _lastStatus = initial;
            return await work(message =>
            {
                // Plain output: one line per new phase, not per progress tick.
                if (!string.Equals(message, _lastStatus, StringComparison.Ordinal))
                {
                    _lastStatus = message;
                    Line("  " + message);
                }
            });
        }
    }

    private sealed class SpectreWriter : HumanWriter
    {
        private readonly IAnsiConsole _console;

        public SpectreWriter(TextWriter writer, SecretScrubber scrubber)
            : base(scrubber)
        {
            _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
            });
        }

        public override bool IsLive => true;

        public override void Line(string text = "") => _console.MarkupLine(Markup.Escape(Scrubber.Scrub(text)));

        public override void Heading(string text)
        {
            _console.WriteLine();
            _console.Write(new Rule($"[bold]{Markup.Escape(Scrubber.Scrub(text))}[/]").LeftJustified());
        }

        public override void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
        {
            var table = new Table().Border(TableBorder.Rounded);
            var all = rows.ToList();
            if (headers.All(h => h.Length == 0))
            {
                table.HideHeaders();
            }

            for (var i = 0; i < headers.Count; i++)
            {
                var column = new TableColumn(Markup.Escape(headers[i]));
                if (i > 0 && all.Count > 0 && all.All(r => i >= r.Count || r[i].Length == 0 || IsNumeric(r[i])))
                {
                    column.RightAligned();
                }

                table.AddColumn(column);
            }

            foreach (var row in all)
            {
                table.AddRow(row.Select(c => Markup.Escape(Scrubber.Scrub(c))).ToArray());
            }

            _console.Write(table);
        }

        public override Task<T> WithStatusAsync<T>(string initial, Func<Action<string>, Task<T>> work) =>
            _console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(Scrubber.Scrub(initial)), ctx =>
                work(message => ctx.Status(Markup.Escape(Scrubber.Scrub(message)))));
    }
}
