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
    public static async Task<(VfsDefinition? Definition, IResult? Problem)> ParseAsync(
        JsonBody body, string? nameFromRoute, VfsBackendFactory backends, SecretStore secrets)
    {
        if (!body.TryGetString("name", out var name, out var problem)
            || !body.TryGetString("type", out var type, out problem)
            || !body.TryGetString("target", out var target, out problem))
        {
            return (null, problem);
        }

        name = (name ?? nameFromRoute)?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return (null, ApiProblems.Invalid("name", "'name' is required: 1 to 200 characters"));
        }

        if (nameFromRoute is not null && !string.Equals(name, nameFromRoute.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiProblems.Invalid("name", "'name' in the body differs from the name in the path"));
        }

        if (string.IsNullOrWhiteSpace(type) || !backends.Supports(type))
        {
            return (null, ApiProblems.Invalid("type", $"'type' must name a supported VFS type (this node: {string.Join(", ", backends.Types)})"));
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            return (null, ApiProblems.Invalid("target", "'target' is required: where the storage is (a folder for disk)"));
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

        var known = (await secrets.ListAsync()).Select(secret => secret.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (field, secretName) in credentials)
        {
            if (!known.Contains(secretName))
            {
                // The value is not echoed: someone may have pasted the password itself where its secret's name belongs.
                return (null, ApiProblems.Invalid($"credentials.{field}",
                    $"'credentials.{field}' must be the name of an existing secret, not a value (create the secret with PUT /v1/secrets/{{name}} first)"));
            }
        }

        return (new VfsDefinition(name, type.ToLowerInvariant(), target, options, credentials), null);
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
