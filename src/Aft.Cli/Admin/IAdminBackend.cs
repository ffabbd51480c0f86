using Aft.Api.Admin;
using Aft.Api.Scripts;
using Aft.Grains.Settings;

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

    Task<CreatedApiKeyResponse> CreateApiKeyAsync(string name, IReadOnlyList<string> scopes, IReadOnlyList<string>? allowedIps);

    Task<IReadOnlyList<ApiKeyResponse>> ListApiKeysAsync();

    Task RevokeApiKeyAsync(string id);

    Task<AftSettings> GetSettingsAsync();

    /// <summary>Changes the settings given; null ones keep their value.</summary>
    Task<AftSettings> UpdateSettingsAsync(bool? allowCliRun, bool? allowFilePathJobs);
}
