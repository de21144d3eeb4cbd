using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Asana.Sync.Internal;

/// <summary>The library's Meter and ActivitySource ("Asana.Sync"). Tags never carry user gids or emails.</summary>
internal static class SyncTelemetry
{
    public const string Name = "Asana.Sync";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("asana.sync.requests", "{request}", "Asana requests made by syncs, by endpoint kind.");

    public static readonly Counter<long> Syncs = Meter.CreateCounter<long>("asana.sync.syncs", "{sync}", "Syncs run, by mode and outcome.");

    public static readonly Counter<long> TicketsWritten = Meter.CreateCounter<long>("asana.sync.tickets_written", "{ticket}", "Tickets added or changed in the store.");

    public static readonly Counter<long> TicketsDeleted = Meter.CreateCounter<long>("asana.sync.tickets_deleted", "{ticket}", "Tickets removed from the store.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("asana.sync.duration", "s", "Wall time of a sync.");
}
