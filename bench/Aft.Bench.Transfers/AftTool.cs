using System.Globalization;

namespace Aft.Bench.Transfers;

/// <summary>
/// AFT through its real path: VFS Library entries for the local side and a remote one (logging in with credentials
/// kept as secrets), a stored script that calls CopyToVFS, and one job per transfer, timed from submission to the
/// job's finishedAt. While it runs, the node's memory is sampled and its threads' CPU time is read before and after.
/// </summary>
public sealed class AftTool : ITransferTool
{
    private const string LocalVfs = "bench-local";

    // The transfer a planner's job would run: open both Library entries by name, copy, fail the job on an error.
    private const string Script = """
        var from = VirtualFSByName(Params("from")), to = VirtualFSByName(Params("to"));
        var copied = from.CopyToVFS(Params("path"), to, Params("into"));
        if (!copied.Ok()) { Log.Error(copied.ErrorMsg()); Exit(1); }
        """;

    private readonly AftNode _node;
    private readonly string _scriptId;
    private readonly string _remoteVfs;

    private AftTool(AftNode node, string scriptId, string remoteVfs)
    {
        _node = node;
        _scriptId = scriptId;
        _remoteVfs = remoteVfs;
    }

    public string Name => $"AFT ({_node.Label})";

    public bool IsAft => true;

    /// <summary>
    /// Defines the local side, the script and every remote side on <paramref name="node"/> over its REST API; returns
    /// one tool per remote, in their order. <paramref name="maxConnections"/> null keeps the remotes' default.
    /// </summary>
    public static async Task<IReadOnlyList<AftTool>> PrepareAsync(AftNode node, string localRoot, IReadOnlyList<AftEntry> remotes, int? maxConnections)
    {
        await node.PutAsync($"/v1/vfs/{LocalVfs}", new { type = "disk", target = localRoot });
        var scriptId = await node.CreateScriptAsync("bench-copy", Script);
        var tools = new List<AftTool>();
        foreach (var remote in remotes)
        {
            var credentials = new Dictionary<string, string>();
            foreach (var (field, value) in remote.Credentials)
            {
                credentials[field] = $"{remote.Name}-{field}";
                await node.PutAsync($"/v1/secrets/{credentials[field]}", new { value });
            }

            var options = new Dictionary<string, string>(remote.Options);
            if (maxConnections is { } max)
            {
                options["maxConnections"] = max.ToString(CultureInfo.InvariantCulture);
            }

            await node.PutAsync($"/v1/vfs/{remote.Name}", new { type = remote.Type, target = remote.Target, options, credentials });
            tools.Add(new AftTool(node, scriptId, remote.Name));
        }

        return tools;
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
            ["from"] = transfer.From == Side.Local ? LocalVfs : _remoteVfs,
            ["to"] = transfer.To == Side.Local ? LocalVfs : _remoteVfs,
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
