using Aft.Api.Admin;
using Aft.Api.Scripts;
using Aft.Api.Vfs;
using Aft.Grains.Audit;
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
/// script syntax, scopes, IP ranges, VFS definitions) so that what it stores is what the API would have accepted, and
/// records each change in the audit trail as the API does, made by the operating-system user on the host.
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
            var script = ScriptResponse.From(await store.Get<ScriptStore>().CreateAsync(draft));
            await AuditAsync("script.created", "script", script.Id, after: script);
            return script;
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
            var updated = ScriptResponse.From(await scripts.UpdateAsync(id, draft) ?? throw new CliException($"no script with id '{id}'"));
            await AuditAsync("script.updated", "script", id, ScriptResponse.From(current), updated);
            return updated;
        }
        catch (DuplicateScriptNameException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    public async Task RemoveScriptAsync(string id)
    {
        var scripts = store.Get<ScriptStore>();
        var current = await scripts.GetAsync(id);
        if (current is null || !await scripts.DeleteAsync(id))
        {
            throw new CliException($"no script with id '{id}'");
        }

        await AuditAsync("script.deleted", "script", id, before: ScriptResponse.From(current));
    }

    public async Task SetSecretAsync(string name, string value)
    {
        if (!SecretsApi.SecretName().IsMatch(name))
        {
            throw CliException.Usage("a secret name is 1 to 200 letters, digits, '.', '_' or '-'");
        }

        await store.Get<SecretStore>().SetAsync(name, value);
        await AuditAsync("secret.set", "secret", name);
    }

    public async Task<IReadOnlyList<SecretResponse>> ListSecretsAsync() =>
        [.. (await store.Get<SecretStore>().ListAsync()).Select(secret => new SecretResponse(secret.Name, secret.UpdatedAt))];

    public async Task RemoveSecretAsync(string name)
    {
        if (!await store.Get<SecretStore>().DeleteAsync(name))
        {
            throw new CliException($"no secret named '{name}'");
        }

        await AuditAsync("secret.deleted", "secret", name);
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
        await AuditAsync("apiKey.created", "apiKey", record.Id, after: ApiKeyResponse.From(record));
        return CreatedApiKeyResponse.From(record, key);
    }

    public async Task<IReadOnlyList<ApiKeyResponse>> ListApiKeysAsync() =>
        [.. (await store.Get<ApiKeyStore>().ListAsync()).Select(ApiKeyResponse.From)];

    public async Task<ApiKeyResponse> SetApiKeyLimitsAsync(string id, ApiKeyLimits limits)
    {
        var keys = store.Get<ApiKeyStore>();
        var current = await keys.GetAsync(id);
        var updated = current is null ? null : await keys.SetLimitsAsync(id, limits);
        if (updated is null)
        {
            throw new CliException($"no API key with id '{id}'");
        }

        var after = ApiKeyResponse.From(updated);
        await AuditAsync("apiKey.updated", "apiKey", id, ApiKeyResponse.From(current!), after);
        return after;
    }

    public async Task RevokeApiKeyAsync(string id)
    {
        var keys = store.Get<ApiKeyStore>();
        var revoked = await keys.GetAsync(id);
        if (revoked is null || !await keys.DeleteAsync(id))
        {
            throw new CliException($"no API key with id '{id}'");
        }

        await AuditAsync("apiKey.revoked", "apiKey", id, before: ApiKeyResponse.From(revoked));
    }

    public async Task<VfsResponse> AddVfsAsync(VfsDefinition definition)
    {
        var checkedDefinition = await CheckVfsAsync(definition, nameFromRoute: null);
        var library = store.Get<VfsStore>();
        if (await library.GetAsync(checkedDefinition.Name) is not null)
        {
            throw new CliException($"a VFS named '{checkedDefinition.Name}' already exists (names are compared case-insensitively); 'aft vfs update' replaces it");
        }

        return await SaveVfsAsync(library, checkedDefinition, before: null);
    }

    public async Task<VfsResponse> ReplaceVfsAsync(VfsDefinition definition)
    {
        var checkedDefinition = await CheckVfsAsync(definition, nameFromRoute: definition.Name);
        var library = store.Get<VfsStore>();
        return await SaveVfsAsync(library, checkedDefinition, await library.GetAsync(checkedDefinition.Name));
    }

    public async Task<IReadOnlyList<VfsResponse>> ListVfsAsync() =>
        [.. (await store.Get<VfsStore>().ListAsync()).Select(VfsResponse.From)];

    public async Task<VfsResponse> GetVfsAsync(string name) =>
        await store.Get<VfsStore>().GetAsync(name) is { } record ? VfsResponse.From(record) : throw NoVfs(name);

    public async Task RemoveVfsAsync(string name)
    {
        var library = store.Get<VfsStore>();
        var current = await library.GetAsync(name);
        if (current is null || !await library.DeleteAsync(name))
        {
            throw NoVfs(name);
        }

        await AuditAsync("vfs.deleted", "vfs", current.Definition.Name, before: VfsResponse.From(current));
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
        await AuditAsync("settings.updated", "settings", null, current, updated);
        return updated;
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();

    private async Task<VfsResponse> SaveVfsAsync(VfsStore library, VfsDefinition definition, VfsRecord? before)
    {
        await library.SaveAsync(definition);
        var saved = VfsResponse.From((await library.GetAsync(definition.Name))!);
        await AuditAsync(before is null ? "vfs.created" : "vfs.updated", "vfs", saved.Name, before is null ? null : VfsResponse.From(before), saved);
        return saved;
    }

    private Task AuditAsync(string action, string targetKind, string? targetId, object? before = null, object? after = null) =>
        store.Get<AuditTrail>().RecordAsync(AuditActor.Host(), action, targetKind, targetId, before, after);

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
