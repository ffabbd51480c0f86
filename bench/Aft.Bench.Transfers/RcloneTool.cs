namespace Aft.Bench.Transfers;

/// <summary>
/// <c>rclone copy</c> between the local side and a remote of the run's own (an on-the-fly SFTP remote with an empty
/// config file, or the S3 remote of the run's S3 config file; nothing from a user's config or AWS settings). A folder
/// is copied to the same name under the target folder, as AFT's CopyToVFS does.
/// </summary>
/// <param name="name">How the report names it.</param>
/// <param name="layout">The local folder and the remote root as rclone addresses it (<c>:sftp,host=…:/home/…</c>, <c>bench-s3:bucket/prefix</c>).</param>
/// <param name="configFile">The rclone config file of this run.</param>
/// <param name="flags">rclone's flags for this variant (<c>--transfers 8</c>, <c>--sftp-disable-hashcheck</c>).</param>
public sealed class RcloneTool(string name, BenchLayout layout, string configFile, IReadOnlyList<string> flags) : ITransferTool
{
    // rclone's S3 backend reads these whatever the remote says (AWS_CA_BUNDLE alone makes rclone 1.60 fail on a plain-HTTP endpoint).
    private static readonly string[] AwsVariables =
        [.. Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(variable => variable.StartsWith("AWS_", StringComparison.Ordinal))];

    public string Name => name;

    public bool IsAft => false;

    public async Task<ToolRun> CopyAsync(TransferCase transfer, TimeSpan timeout)
    {
        // The benchmark copies folders from the local side only.
        var folder = transfer.From == Side.Local && Directory.Exists(layout.Address(Side.Local, transfer.Path));
        var arguments = new List<string>
        {
            "--config", configFile, "-q", "copy",
            layout.Address(transfer.From, transfer.Path),
            layout.Address(transfer.To, folder ? transfer.Result : transfer.Into),
        };
        arguments.AddRange(flags);
        var run = await ExternalCommand.RunAsync("rclone", arguments, timeout, AwsVariables);
        return new ToolRun(run.Elapsed, run.CpuSeconds);
    }
}
