using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Aft.Testing.Servers;

namespace Aft.Bench.Transfers;

/// <summary>
/// How the command-line clients reach the run's sshd: the same client key AFT uses (written owner-only to the run's
/// folder), and a known_hosts file whose key was checked against the server's pinned fingerprint.
/// </summary>
/// <param name="Port">The sshd's port on 127.0.0.1.</param>
/// <param name="KeyFile">The client key, owner-only.</param>
/// <param name="KnownHostsFile">The sshd's host key, checked against its fingerprint.</param>
public sealed partial record SshAccess(int Port, string KeyFile, string KnownHostsFile)
{
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(30);

    /// <summary>The options every ssh/sftp call gets: no user config, no agent, only this key, only this host key.</summary>
    public IReadOnlyList<string> SshOptions =>
    [
        "-F", "/dev/null", "-i", KeyFile, "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
        "-o", $"UserKnownHostsFile={KnownHostsFile}", "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
        "-o", "BatchMode=yes", "-P", Port.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>An rclone on-the-fly SFTP remote on the same account, key and host key (nothing from a user's rclone config).</summary>
    public string RcloneRemote => $":sftp,host=127.0.0.1,port={Port},user={TestUser.Name},key_file={KeyFile},known_hosts_file={KnownHostsFile}:";

    public static async Task<SshAccess> CreateAsync(SshdServer server, string folder)
    {
        var keyFile = Path.Combine(folder, "client_ed25519");
        await File.WriteAllTextAsync(keyFile, server.OpenSshKey);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var keyscan = await ExternalCommand.RunAsync("ssh-keyscan", ["-t", "ed25519", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "127.0.0.1"], Probe);
        var scanned = keyscan.Output.Split('\n').Single(line => line.Contains(" ssh-ed25519 ", StringComparison.Ordinal)).Trim();
        var blob = Convert.FromBase64String(scanned.Split(' ')[2]);
        var fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
        if (fingerprint != server.HostKeySha256)
        {
            throw new InvalidOperationException($"127.0.0.1:{server.Port} presented {fingerprint}, not the sshd's own key {server.HostKeySha256}");
        }

        var knownHosts = Path.Combine(folder, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, scanned + "\n");
        return new SshAccess(server.Port, keyFile, knownHosts);
    }

    /// <summary>The cipher OpenSSH's client and this sshd agree on, with the client's defaults or with <c>-c <paramref name="cipher"/></c>.</summary>
    public async Task<string> NegotiatedCipherAsync(string? cipher)
    {
        var arguments = new List<string>(SshOptions) { "-v", "-b", "/dev/null" };
        if (cipher is not null)
        {
            arguments.AddRange(["-c", cipher]);
        }

        arguments.Add($"{TestUser.Name}@127.0.0.1");
        var verbose = (await ExternalCommand.RunAsync("sftp", arguments, Probe)).Output;
        return ClientCipher().Match(verbose) is { Success: true } match ? match.Groups["cipher"].Value : "unknown";
    }

    [GeneratedRegex(@"kex: client->server cipher: (?<cipher>\S+)")]
    private static partial Regex ClientCipher();
}
