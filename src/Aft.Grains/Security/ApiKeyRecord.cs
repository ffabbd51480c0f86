namespace Aft.Grains.Security;

/// <summary>A stored API key: never the key itself, only its hash and its first characters to recognise it by.</summary>
public sealed record ApiKeyRecord(
    string Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> AllowedIps,
    DateTimeOffset CreatedAt)
{
    public ApiKeyLimits Limits { get; init; } = ApiKeyLimits.None;

    /// <summary>When the key last passed a request's key check, to the minute (<see cref="ApiKeyStore.RecordUse"/>); null if never.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    public bool HasScope(string scope) => Scopes.Contains(ApiKeyScopes.Admin) || Scopes.Contains(scope);
}
