namespace Aft.Bench.Transfers;

/// <summary>
/// curl on plain FTP at its defaults (passive, EPSV): one upload (<c>-T FILE ftp://…/folder/</c>, stored under the
/// file's name) or one download (<c>-o FILE ftp://…/file</c>) of one file, logging in from the run's netrc file.
/// </summary>
/// <param name="layout">The local folder and the remote root's URL.</param>
/// <param name="netrcFile">The login, owner-only.</param>
public sealed class CurlFtpTool(BenchLayout layout, string netrcFile) : ITransferTool
{
    public string Name => "curl";

    public bool IsAft => false;

    public async Task<ToolRun> CopyAsync(TransferCase transfer, TimeSpan timeout)
    {
        var source = layout.Address(transfer.From, transfer.Path);
        if (transfer.From == Side.Local && Directory.Exists(source))
        {
            throw new NotSupportedException($"{Name} is measured on single files only, not on the folder {transfer.Path}");
        }

        var arguments = new List<string> { "--silent", "--show-error", "--netrc-file", netrcFile };
        arguments.AddRange(transfer.From == Side.Local
            ? ["--upload-file", source, layout.Address(Side.Remote, transfer.Into) + "/"]
            : ["--output", layout.Address(Side.Local, transfer.Result), source]);
        var run = await ExternalCommand.RunAsync("curl", arguments, timeout);
        return new ToolRun(run.Elapsed, run.CpuSeconds);
    }
}
