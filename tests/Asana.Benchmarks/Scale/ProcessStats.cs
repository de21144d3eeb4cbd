using System.Globalization;

namespace Asana.Benchmarks.Scale;

/// <summary>Linux process figures /proc gives and <see cref="System.Diagnostics.Process"/> does not.</summary>
internal static class ProcessStats
{
    private const double TicksPerSecond = 100; // USER_HZ: 100 on every Linux ABI .NET runs on.

    /// <summary>
    /// Resets this process's peak resident set (VmHWM, what <see cref="System.Diagnostics.Process.PeakWorkingSet64"/>
    /// reads) to the current one, so a peak can be measured per phase. False where the kernel does not allow it.
    /// </summary>
    public static bool TryResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// CPU time of a process and its children: its own, its reaped children's, and its live children's (a PostgreSQL
    /// postmaster and its backends). Null when /proc does not show it.
    /// </summary>
    public static TimeSpan? TreeCpu(int pid)
    {
        var own = Read(pid);
        if (own is null)
        {
            return null;
        }

        var ticks = own.Value.Own + own.Value.Reaped;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child) && child != pid
                && Read(child) is { } stat && stat.Parent == pid)
            {
                ticks += stat.Own;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int Parent, long Own, long Reaped)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // Fields after the command name (which may hold spaces): state ppid ... utime(14) stime(15) cutime(16) cstime(17).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture);
        return ((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }
}
