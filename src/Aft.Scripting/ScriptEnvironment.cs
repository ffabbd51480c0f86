using Aft.Scripting.Vfs.Transfers;

namespace Aft.Scripting;

/// <summary>The host services one run sees. Script modules read what they need from here.</summary>
public sealed class ScriptEnvironment
{
    public required IScriptLog Log { get; init; }

    public required ISecretReader Secrets { get; init; }

    /// <summary>
    /// Host services that script modules look up by type when a script needs them: the VFS Library
    /// (<see cref="Vfs.IVfsCatalog"/>) for <c>VirtualFSByName</c> and <c>RemoteWatcher</c>.
    /// </summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>The run's transfer counters: the host reads them for a job's <c>progress</c> while it runs.</summary>
    public TransferProgress Progress { get; init; } = new();
}
