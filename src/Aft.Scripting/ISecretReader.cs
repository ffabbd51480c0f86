namespace Aft.Scripting;

/// <summary>Reads named secrets for <c>GetSecret</c>. Returns null when the name is unknown.</summary>
public interface ISecretReader
{
    string? Read(string name);
}
