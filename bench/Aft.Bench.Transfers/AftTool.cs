using System.Globalization;
using Aft.Testing.Servers;

namespace Aft.Bench.Transfers;

/// <summary>
/// AFT through its real path: a VFS Library entry for each side (the SFTP one logs in with a key kept as a secret),
/// a stored script that calls CopyToVFS, and one job per transfer, timed from submission to the job's finishedAt.
/// While it runs, the node's memory is sampled and its threads' CPU time is read before and after.
/// </summary>
public sealed class AftTool : ITransferTool
{
    private const string LocalVfs = "bench-local";
    private const string RemoteVfs = "bench-remote";
    private const string KeySecret = "bench-sftp-key";

    // The transfer a planner's job would run: open both Library entries by name, copy, fail the job on an error.
    private const string Script = """
        var from = VirtualFSByName(Params("from")), to = VirtualFSByName(Params("to"));
        var copied = from.CopyToVFS(Params("path"), to, Params("into"));
        if (!copied.Ok()) { Log.Error(copied.ErrorMsg()); Exit(1); }
        """;

    private readonly AftNode _node;
    private readonly string _scriptId;

    private AftTool(AftNode node, string scriptId)
    {
        _node = node;
        _scriptId = scriptId;
    }

    public string Name => $"AFT ({_node.Label})";

    public bool IsAft => true;

    /// <summary>Defines the two sides on <paramref name="node"/> over its REST API; <paramref name="maxConnections"/> null keeps the default.</summary>
    public static async Task<AftTool> PrepareAsync(AftNode node, SshdServer server, BenchLayout layout, int? maxConnections)
    {
        await node.PutAsync($"/v1/secrets/{KeySecret}", new { value = server.OpenSshKey });
        var options = new Dictionary<string, string>
        {
            ["user"] = TestUser.Name,
            ["root"] = layout.RemoteRoot,
            ["hostKeySha256"] = server.HostKeySha256,
        };
        if (maxConnections is { } max)
        {
            options["maxConnections"] = max.ToString(CultureInfo.InvariantCulture);
        }

        await node.PutAsync($"/v1/vfs/{RemoteVfs}", new { type = "sftp", target = server.Target, options, credentials = new { privateKey = KeySecret } });
        await node.PutAsync($"/v1/vfs/{LocalVfs}", new { type = "disk", target = layout.LocalRoot });
        return new AftTool(node, await node.CreateScriptAsync("bench-copy", Script));
    }

    public async Task<ToolRun> CopyAsync(TransferCase transfer, TimeSpan timeout)
    {
        var pid = _node.Pid;
        var threadsBefore = ProcStat.Threads(pid);
        var cpuBefore = ProcStat.CpuSeconds(pid);
        var rssBefore = ProcStat.RssBytes(pid);
        var peakRss = rssBefore;
        var sampler = PeriodicSampler.Start(() => peakRss = Math.Max(peakRss, ProcStat.RssBytes(pid)));
        var job = await _node.RunJobAsync(_scriptId, new Dictionary<string, string>
        {
            ["from"] = transfer.From == Side.Local ? LocalVfs : RemoteVfs,
            ["to"] = transfer.To == Side.Local ? LocalVfs : RemoteVfs,
            ["path"] = transfer.Path,
            ["into"] = transfer.Into,
        }, timeout);
        await sampler.StopAsync();
        var cpu = ProcStat.CpuSeconds(pid) - cpuBefore;
        // Thread pool workers come and go and share the work, so threads are summed by name (".NET TP Worker", ".NET Long Runni"…).
        var byName = ProcStat.Threads(pid)
            .Select(thread => thread.Value with { CpuSeconds = thread.Value.CpuSeconds - (threadsBefore.GetValueOrDefault(thread.Key)?.CpuSeconds ?? 0) })
            .GroupBy(thread => thread.Name)
            .Select(group => new ThreadTime($"{group.Key} ×{group.Count(thread => thread.CpuSeconds > 0)}", group.Sum(thread => thread.CpuSeconds)))
            .OrderByDescending(thread => thread.CpuSeconds)
            .Take(4)
            .ToList();
        return new ToolRun(job.FinishedAt - job.SubmittedAt, cpu, job.FinishedAt - job.StartedAt, new AftDiagnosis(rssBefore, peakRss, byName));
    }
}
