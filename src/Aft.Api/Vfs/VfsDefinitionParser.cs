using System.Text.Json;
using Aft.Api.Infrastructure;
using Aft.Grains.Security;
using Aft.Scripting.Vfs;

namespace Aft.Api.Vfs;

/// <summary>
/// Reads <c>{"name","type","target","options":{…},"credentials":{"password":"secret-name"}}</c>. Every credential
/// must name an existing secret, so a value pasted where a secret name belongs is refused, not stored.
/// </summary>
public static class VfsDefinitionParser
{
    public const int MaxNameLength = 200;

    public static async Task<(VfsDefinition? Definition, IResult? Problem)> ParseAsync(
        JsonBody body, string? nameFromRoute, VfsBackendFactory backends, SecretStore secrets)
    {
        if (!body.TryGetString("name", out var name, out var problem)
            || !body.TryGetString("type", out var type, out problem)
            || !body.TryGetString("target", out var target, out problem))
        {
            return (null, problem);
        }

        var (options, optionsProblem) = ReadStringMap(body.Root, "options");
        if (optionsProblem is not null)
        {
            return (null, optionsProblem);
        }

        var (credentials, credentialsProblem) = ReadStringMap(body.Root, "credentials");
        if (credentialsProblem is not null)
        {
            return (null, credentialsProblem);
        }

        var (definition, invalid) = await ValidateAsync(name, type, target, options, credentials, nameFromRoute, backends, secrets);
        return definition is null ? (null, ApiProblems.Invalid(invalid!.Field, invalid.Message)) : (definition, null);
    }

    /// <summary>
    /// The rules a VFS Library entry must meet, wherever it comes from (the REST API, <c>aft vfs</c> on a data dir):
    /// a name (1 to 200 characters; with <paramref name="nameFromRoute"/>, the same one), what its type's provider
    /// checks (<see cref="VfsBackendFactory.Check"/>: the target's form, known options with valid values, known and
    /// required credential fields), and credentials that name existing secrets. An error names the field and never
    /// echoes a credential or option value.
    /// </summary>
    public static async Task<(VfsDefinition? Definition, VfsDefinitionProblem? Error)> ValidateAsync(
        string? name, string? type, string? target, IReadOnlyDictionary<string, string> options, IReadOnlyDictionary<string, string> credentials,
        string? nameFromRoute, VfsBackendFactory backends, SecretStore secrets)
    {
        name = (name ?? nameFromRoute)?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return (null, new("name", $"'name' is required: 1 to {MaxNameLength} characters"));
        }

        if (nameFromRoute is not null && !string.Equals(name, nameFromRoute.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return (null, new("name", "'name' in the body differs from the name in the path"));
        }

        var (definition, problem) = backends.Check(new VfsDefinition(name, type ?? string.Empty, target ?? string.Empty, options, credentials));
        if (definition is null)
        {
            return (null, problem);
        }

        var known = (await secrets.ListAsync()).Select(secret => secret.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (field, secretName) in definition.Credentials)
        {
            if (!known.Contains(secretName))
            {
                // The value is not echoed: someone may have pasted the password itself where its secret's name belongs.
                return (null, new($"credentials.{field}",
                    $"'credentials.{field}' must be the name of an existing secret, not a value " +
                    "(create the secret first: PUT /v1/secrets/{name} or 'aft secrets set NAME')"));
            }
        }

        return (definition, null);
    }

    private static (Dictionary<string, string> Map, IResult? Problem) ReadStringMap(JsonElement root, string field)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (map, null);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return (map, ApiProblems.Invalid(field, $"'{field}' must be an object of names to strings"));
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return (map, ApiProblems.Invalid($"{field}.{property.Name}", $"'{field}.{property.Name}' must be a string"));
            }

            map[property.Name] = property.Value.GetString()!;
        }

        return (map, null);
    }
}
