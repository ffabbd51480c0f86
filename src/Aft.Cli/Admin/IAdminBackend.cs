using Aft.Api.Admin;
using Aft.Api.Scripts;
using Aft.Api.Vfs;
using Aft.Grains.Security;
using Aft.Grains.Settings;
using Aft.Scripting.Vfs;

namespace Aft.Cli.Admin;

/// <summary>
/// Administration, either through a running service's REST API (<see cref="Client.AftApiClient"/>) or straight on
/// the data dir when no service runs (<see cref="DataDirectoryAdmin"/>). Both answer with the REST API's shapes,
/// so <c>--json</c> output is the same either way. Failures are <see cref="CliException"/>s.
/// </summary>
public interface IAdminBackend : IAsyncDisposable
{
    Task<IReadOnlyList<ScriptResponse>> ListScriptsAsync();

    Task<ScriptResponse> AddScriptAsync(string name, string code, string? description);

    /// <summary>Stores the next version of script <paramref name="id"/>; null arguments keep their current value.</summary>
    Task<ScriptResponse> UpdateScriptAsync(string id, string? name, string? code, string? description);

    Task RemoveScriptAsync(string id);

    Task SetSecretAsync(string name, string value);

    Task<IReadOnlyList<SecretResponse>> ListSecretsAsync();

    Task RemoveSecretAsync(string name);

    Task<CreatedApiKeyResponse> CreateApiKeyAsync(string name, IReadOnlyList<string> scopes, IReadOnlyList<string>? allowedIps, ApiKeyLimits limits);

    /// <summary>Sets all four of a key's rate limits (null: the configured default).</summary>
    Task<ApiKeyResponse> SetApiKeyLimitsAsync(string id, ApiKeyLimits limits);

    Task<IReadOnlyList<ApiKeyResponse>> ListApiKeysAsync();

    Task RevokeApiKeyAsync(string id);

    /// <summary>Creates a VFS Library entry; fails when the name is taken. <paramref name="definition"/> is not yet checked.</summary>
    Task<VfsResponse> AddVfsAsync(VfsDefinition definition);

    /// <summary>Replaces the VFS Library entry named <c>definition.Name</c> (creating it if it is missing).</summary>
    Task<VfsResponse> ReplaceVfsAsync(VfsDefinition definition);

    Task<IReadOnlyList<VfsResponse>> ListVfsAsync();

    /// <summary>The entry named <paramref name="name"/> (case-insensitively); fails when there is none.</summary>
    Task<VfsResponse> GetVfsAsync(string name);

    Task RemoveVfsAsync(string name);

    /// <summary>Opens the VFS and lists its root; a storage that does not work is an answer with <c>Ok == false</c>.</summary>
    Task<VfsTestResponse> TestVfsAsync(string name);

    Task<AftSettings> GetSettingsAsync();

    /// <summary>Changes the settings given; null ones keep their value.</summary>
    Task<AftSettings> UpdateSettingsAsync(bool? allowCliRun, bool? allowFilePathJobs);
}
