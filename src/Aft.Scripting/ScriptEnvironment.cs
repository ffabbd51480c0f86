namespace Aft.Scripting;

/// <summary>The host services one run sees. Script modules read what they need from here.</summary>
public sealed class ScriptEnvironment
{
    public required IScriptLog Log { get; init; }

    public required ISecretReader Secrets { get; init; }

    /// <summary>Host services that later script modules look up by type (the VFS library, for example).</summary>
    public IServiceProvider? Services { get; init; }
}
