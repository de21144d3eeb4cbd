using Microsoft.Extensions.Logging;

namespace Asana.Permissions.Console.Output;

/// <summary>Library log lines (retries, throttling, sync phases) as plain lines on stderr, through the scrubber.</summary>
internal sealed class HumanWriterLoggerProvider(HumanWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(writer, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(HumanWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = logLevel switch
            {
                LogLevel.Trace => "trce",
                LogLevel.Debug => "dbug",
                LogLevel.Information => "info",
                LogLevel.Warning => "warn",
                LogLevel.Error => "fail",
                _ => "crit",
            };
            var shortCategory = category[(category.LastIndexOf('.') + 1)..];
            var message = formatter(state, exception).ReplaceLineEndings(" ");
            if (exception is not null)
            {
                message += $" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})";
            }

            writer.Line($"{level}: {shortCategory}: {message}");
        }
    }
}
