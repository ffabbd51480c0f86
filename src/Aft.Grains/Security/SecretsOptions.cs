namespace Aft.Grains.Security;

/// <summary>Bound from <c>Aft:Secrets</c>.</summary>
public sealed class SecretsOptions
{
    /// <summary>
    /// The 32-byte key that encrypts secret values, in Base64. When empty, a key is created on first start in
    /// the data dir (<c>secrets.key</c>, owner-only). A cluster sets the same key on every node.
    /// </summary>
    public string? Key { get; set; }
}
