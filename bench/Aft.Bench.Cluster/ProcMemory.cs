using System.Globalization;

namespace Aft.Bench.Cluster;

public static class ProcMemory
{
    /// <summary>A process's resident memory now (<c>VmRSS</c> of <c>/proc/PID/status</c>), in bytes; 0 once it is gone.</summary>
    public static long RssBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            // The process ended while we looked.
            return 0;
        }
    }
}
