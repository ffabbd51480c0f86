using System.Diagnostics;
using System.Security.Cryptography;

namespace Aft.Testing.Servers;

/// <summary>
/// What the FTP server fixtures share: a temp folder with the config, logs and the FTP root (owned by the local
/// user <see cref="User"/>, whose password is this server's own: the servers check it against a file of theirs,
/// not the system's, so parallel fixtures never change each other's login), the certificate, and the process.
/// </summary>
public abstract class FtpTestServer : IDisposable
{
    public const string User = "aft-test";

    private ServerProcess? _process;
    private int _folders;

    protected FtpTestServer(string name)
    {
        Folder = Directory.CreateTempSubdirectory($"aft-{name}-").FullName;

        // The server enters the root as the test user, so the way there must be open to it.
        File.SetUnixFileMode(Folder, (UnixFileMode)Convert.ToInt32("755", 8));
        RootFolder = Path.Combine(Folder, "root");
        Directory.CreateDirectory(RootFolder);
        File.SetUnixFileMode(RootFolder, (UnixFileMode)Convert.ToInt32("777", 8));
        Password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        Certificate = TestCertificate.Create(Folder);
    }

    /// <summary>Holds the config, the logs and <see cref="RootFolder"/>.</summary>
    public string Folder { get; }

    /// <summary>The host folder the FTP user sees as "/".</summary>
    public string RootFolder { get; }

    public string Password { get; }

    public TestCertificate Certificate { get; }

    public int Port { get; protected set; }

    public ServerProcess Process => _process ?? throw new InvalidOperationException("not started");

    /// <summary>A new empty folder below the FTP root, writable by the FTP user; returns its FTP path ("/t3").</summary>
    public string NewFolder()
    {
        var name = $"t{Interlocked.Increment(ref _folders)}";
        var path = Path.Combine(RootFolder, name);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("777", 8));
        return "/" + name;
    }

    /// <summary>Kills every session process of the server (forked per connection), leaving the listener running.</summary>
    public void KillSessions()
    {
        foreach (var pid in Descendants(Process.Pid).ToList())
        {
            ServerProcess.KillAndWait(pid);
        }
    }

    public virtual void Dispose()
    {
        _process?.Dispose();
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected void Started(ServerProcess process) => _process = process;

    /// <summary>Runs <paramref name="start"/>; a server that does not come up is cleaned away.</summary>
    protected static async Task<TServer> StartedAsync<TServer>(TServer server, Func<Task> start)
        where TServer : FtpTestServer
    {
        try
        {
            await start();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Where passive data connections go: a random range, so parallel servers rarely meet.</summary>
    protected static (int First, int Last) PassivePorts()
    {
        var first = Random.Shared.Next(30000, 60000);
        return (first, first + 40);
    }

    /// <summary>Runs a helper tool with <paramref name="input"/> on its standard input (a password never goes on a command line).</summary>
    protected static string Run(string fileName, IEnumerable<string> arguments, string input)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start");
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{fileName} failed ({process.ExitCode}): {error}");
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        foreach (var child in ServerProcess.ChildrenOf(pid))
        {
            yield return child;
            foreach (var grandchild in Descendants(child))
            {
                yield return grandchild;
            }
        }
    }
}
