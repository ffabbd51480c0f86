using Aft.Testing.Servers;

namespace Aft.Bench.Transfers;

/// <summary>
/// OpenSSH's <c>sftp</c> in batch mode (<c>-b</c>): one <c>put</c> or <c>get</c> of one file, with the client's default
/// cipher or the one given. The remote root of <paramref name="layout"/> is the sshd's folder (its SFTP path).
/// </summary>
public sealed class SftpCliTool(SshAccess ssh, BenchLayout layout, string batchFolder, string? cipher, string negotiatedCipher) : ITransferTool
{
    public string Name => cipher is null ? $"OpenSSH sftp, default cipher ({negotiatedCipher})" : $"OpenSSH sftp -c {cipher}";

    public bool IsAft => false;

    public async Task<ToolRun> CopyAsync(TransferCase transfer, TimeSpan timeout)
    {
        var source = layout.Address(transfer.From, transfer.Path);
        if (Directory.Exists(source))
        {
            throw new NotSupportedException($"{Name} is measured on single files only, not on the folder {transfer.Path}");
        }

        var verb = transfer.From == Side.Local ? "put" : "get";
        var batch = Path.Combine(batchFolder, "sftp-batch");
        await File.WriteAllTextAsync(batch, $"{verb} \"{source}\" \"{layout.Address(transfer.To, transfer.Result)}\"\n");
        var arguments = new List<string>(ssh.SshOptions) { "-b", batch };
        if (cipher is not null)
        {
            arguments.AddRange(["-c", cipher]);
        }

        arguments.Add($"{TestUser.Name}@127.0.0.1");
        var run = await ExternalCommand.RunAsync("sftp", arguments, timeout);
        return new ToolRun(run.Elapsed, run.CpuSeconds);
    }
}
