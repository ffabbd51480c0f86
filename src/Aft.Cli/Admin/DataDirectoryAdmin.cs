using Aft.Api.Admin;
using Aft.Api.Scripts;
using Aft.Api.Vfs;
using Aft.Grains.Jobs;
using Aft.Grains.Scripts;
using Aft.Grains.Security;
using Aft.Grains.Settings;
using Aft.Grains.Storage;
using Aft.Grains.Vfs;
using Aft.Scripting.Vfs;

namespace Aft.Cli.Admin;

/// <summary>
/// Administration straight on the data dir while no service runs. It applies the REST API's rules (names,
/// script syntax, scopes, IP ranges, VFS definitions) so that what it stores is what the API would have accepted.
/// </summary>
public sealed class DataDirectoryAdmin(LocalStore store) : IAdminBackend
{
    private const int MaxNameLength = 200;

    public static DataDirectoryAdmin Open(DataDirectory dataDirectory) => new(LocalStore.Open(dataDirectory));

    public async Task<IReadOnlyList<ScriptResponse>> ListScriptsAsync() =>
        [.. (await store.Get<ScriptStore>().ListAsync()).Select(ScriptResponse.From)];

    public async Task<ScriptResponse> AddScriptAsync(string name, string code, string? description)
    {
        var draft = new ScriptDraft(CheckName(name, "script"), description ?? string.Empty, CheckCode(code), RetryPolicy.None, null, 0);
        try
        {
            return ScriptResponse.From(await store.Get<ScriptStore>().CreateAsync(draft));
        }
        catch (DuplicateScriptNameException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    public async Task<ScriptResponse> UpdateScriptAsync(string id, string? name, string? code, string? description)
    {
        var scripts = store.Get<ScriptStore>();
        var current = await scripts.GetAsync(id) ?? throw new CliException($"no script with id '{id}'");
        var draft = new ScriptDraft(
            name is null ? current.Name : CheckName(name, "script"), description ?? current.Description,
            code is null ? current.Code : CheckCode(code), current.Retry, current.Timeout, current.MaxConcurrency);
        try
        {
            return ScriptResponse.From(await scripts.UpdateAsync(id, draft) ?? throw new CliException($"no script with id '{id}'"));
        }
        catch (DuplicateScriptNameException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    public async Task RemoveScriptAsync(string id)
    {
        if (!await store.Get<ScriptStore>().DeleteAsync(id))
        {
            throw new CliException($"no script with id '{id}'");
        }
    }

    public Task SetSecretAsync(string name, string value)
    {
        if (!SecretsApi.SecretName().IsMatch(name))
        {
            throw CliException.Usage("a secret name is 1 to 200 letters, digits, '.', '_' or '-'");
        }

        return store.Get<SecretStore>().SetAsync(name, value);
    }

    public async Task<IReadOnlyList<SecretResponse>> ListSecretsAsync() =>
        [.. (await store.Get<SecretStore>().ListAsync()).Select(secret => new SecretResponse(secret.Name, secret.UpdatedAt))];

    public async Task RemoveSecretAsync(string name)
    {
        if (!await store.Get<SecretStore>().DeleteAsync(name))
        {
            throw new CliException($"no secret named '{name}'");
        }
    }

    public async Task<CreatedApiKeyResponse> CreateApiKeyAsync(string name, IReadOnlyList<string> scopes, IReadOnlyList<string>? allowedIps, ApiKeyLimits limits)
    {
        name = CheckName(name, "API key");
        if (scopes.Count == 0 || scopes.FirstOrDefault(scope => !ApiKeyScopes.IsKnown(scope)) is not null)
        {
            throw CliException.Usage($"give one or more --scope of {string.Join(", ", ApiKeyScopes.All)}");
        }

        allowedIps ??= IpAllowList.LoopbackOnly;
        if (!IpAllowList.TryParse(allowedIps, out _, out var invalid))
        {
            throw CliException.Usage($"--allow '{invalid}' is not an IP address or CIDR range");
        }

        var (record, key) = await store.Get<ApiKeyStore>().CreateAsync(name, [.. scopes.Distinct()], allowedIps, limits);
        return CreatedApiKeyResponse.From(record, key);
    }

    public async Task<IReadOnlyList<ApiKeyResponse>> ListApiKeysAsync() =>
        [.. (await store.Get<ApiKeyStore>().ListAsync()).Select(ApiKeyResponse.From)];

    public async Task<ApiKeyResponse> SetApiKeyLimitsAsync(string id, ApiKeyLimits limits) =>
        ApiKeyResponse.From(await store.Get<ApiKeyStore>().SetLimitsAsync(id, limits) ?? throw new CliException($"no API key with id '{id}'"));

    public async Task RevokeApiKeyAsync(string id)
    {
        if (!await store.Get<ApiKeyStore>().DeleteAsync(id))
        {
            throw new CliException($"no API key with id '{id}'");
        }
    }

    public async Task<VfsResponse> AddVfsAsync(VfsDefinition definition)
    {
        var checkedDefinition = await CheckVfsAsync(definition, nameFromRoute: null);
        var library = store.Get<VfsStore>();
        if (await library.GetAsync(checkedDefinition.Name) is not null)
        {
            throw new CliException($"a VFS named '{checkedDefinition.Name}' already exists (names are compared case-insensitively); 'aft vfs update' replaces it");
        }

        await library.SaveAsync(checkedDefinition);
        return VfsResponse.From((await library.GetAsync(checkedDefinition.Name))!);
    }

    public async Task<VfsResponse> ReplaceVfsAsync(VfsDefinition definition)
    {
        var checkedDefinition = await CheckVfsAsync(definition, nameFromRoute: definition.Name);
        var library = store.Get<VfsStore>();
        await library.SaveAsync(checkedDefinition);
        return VfsResponse.From((await library.GetAsync(checkedDefinition.Name))!);
    }

    public async Task<IReadOnlyList<VfsResponse>> ListVfsAsync() =>
        [.. (await store.Get<VfsStore>().ListAsync()).Select(VfsResponse.From)];

    public async Task<VfsResponse> GetVfsAsync(string name) =>
        await store.Get<VfsStore>().GetAsync(name) is { } record ? VfsResponse.From(record) : throw NoVfs(name);

    public async Task RemoveVfsAsync(string name)
    {
        if (!await store.Get<VfsStore>().DeleteAsync(name))
        {
            throw NoVfs(name);
        }
    }

    public async Task<VfsTestResponse> TestVfsAsync(string name)
    {
        var record = await store.Get<VfsStore>().GetAsync(name) ?? throw NoVfs(name);
        return await VfsApi.ProbeAsync(record.Definition, store.Get<VfsBackendFactory>(), store.Get<SecretStore>(), CancellationToken.None);
    }

    public Task<AftSettings> GetSettingsAsync() => store.Get<SettingsStore>().GetAsync();

    public async Task<AftSettings> UpdateSettingsAsync(bool? allowCliRun, bool? allowFilePathJobs)
    {
        var settings = store.Get<SettingsStore>();
        var current = await settings.GetAsync();
        var updated = current with
        {
            AllowCliRun = allowCliRun ?? current.AllowCliRun,
            AllowFilePathJobs = allowFilePathJobs ?? current.AllowFilePathJobs,
        };
        await settings.SaveAsync(updated);
        return updated;
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();

    private static string CheckName(string name, string what)
    {
        name = name.Trim();
        return name.Length is > 0 and <= MaxNameLength ? name : throw CliException.Usage($"a {what} name is 1 to {MaxNameLength} characters");
    }

    /// <summary>The REST API's checks (<see cref="VfsDefinitionParser.ValidateAsync"/>); a refusal is bad input, exit 3.</summary>
    private async Task<VfsDefinition> CheckVfsAsync(VfsDefinition definition, string? nameFromRoute)
    {
        var (checkedDefinition, error) = await VfsDefinitionParser.ValidateAsync(
            definition.Name, definition.Type, definition.Target, definition.Options, definition.Credentials, nameFromRoute,
            store.Get<VfsBackendFactory>(), store.Get<SecretStore>());
        return checkedDefinition ?? throw CliException.Usage(error!.Message);
    }

    private static CliException NoVfs(string name) => new($"no VFS named '{name}'; 'aft vfs list' shows them");

    private static string CheckCode(string code) =>
        ScriptDraftParser.SyntaxCheck(code) is { } error ? throw new CliException($"the script does not parse: {error}") : code;
}
