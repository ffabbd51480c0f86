namespace Aft.Bench.Transfers;

/// <summary>
/// <c>rclone copy</c> between the local side and an on-the-fly remote (no user config: an empty config file of the
/// run's own). A folder is copied to the same name under the target folder, as AFT's CopyToVFS does.
/// </summary>
/// <param name="name">How the report names it.</param>
/// <param name="remote">The rclone remote of the remote side (<c>:sftp,host=…:</c>; an S3 scenario would pass <c>:s3,…:</c>).</param>
/// <param name="layout">Where the two sides are.</param>
/// <param name="configFile">An empty rclone config file of this run.</param>
/// <param name="flags">rclone's flags for this variant (<c>--transfers 8</c>, <c>--sftp-disable-hashcheck</c>).</param>
public sealed class RcloneTool(string name, string remote, BenchLayout layout, string configFile, IReadOnlyList<string> flags) : ITransferTool
{
    public string Name => name;

    public bool IsAft => false;

    public async Task<ToolRun> CopyAsync(TransferCase transfer, TimeSpan timeout)
    {
        var folder = Directory.Exists(layout.OnDisk(transfer.From, transfer.Path));
        var arguments = new List<string>
        {
            "--config", configFile, "-q", "copy",
            Address(transfer.From, transfer.Path),
            Address(transfer.To, folder ? transfer.Result : transfer.Into),
        };
        arguments.AddRange(flags);
        var run = await ExternalCommand.RunAsync("rclone", arguments, timeout);
        return new ToolRun(run.Elapsed, run.CpuSeconds);
    }

    private string Address(Side side, string path) => side == Side.Local ? layout.OnDisk(side, path) : remote + layout.OnDisk(side, path);
}
