using Aft.Scripting.Vfs;

namespace Aft.Scripting.Clients;

/// <summary>
/// What one kind of client object (<c>SftpClient</c>, <c>S3Client</c>…) is: the connection properties a script sets,
/// and how they become a VFS definition of the matching type with its credential values. Properties named
/// <c>…FromSecret</c> name a secret to read instead of holding the value.
/// </summary>
public abstract class ClientProfile
{
    /// <summary>The global's name, used in log lines ("SftpClient.Connect: …").</summary>
    public abstract string Name { get; }

    /// <summary>The connection properties, in the order the object shows them (each starts out undefined).</summary>
    public abstract IReadOnlyList<string> Properties { get; }

    /// <summary>Which property sets a definition field (<c>target</c>, <c>options.user</c>, <c>credentials.password</c>), so an error can name it.</summary>
    public abstract IReadOnlyDictionary<string, string> PropertyOf { get; }

    /// <summary>The definition and credentials the properties describe, or why they cannot.</summary>
    /// <param name="get">Reads a property as text (null when unset).</param>
    /// <param name="secrets">For the <c>…FromSecret</c> properties.</param>
    public abstract (VfsDefinition? Definition, string? Error) Describe(Func<string, string?> get, ISecretReader secrets);

    /// <summary>
    /// The value of a credential: the property itself, or the secret its <c>…FromSecret</c> twin names. Adds it to
    /// <paramref name="credentials"/> under <paramref name="field"/>; returns an error when the named secret is not set.
    /// </summary>
    protected static string? Credential(
        Func<string, string?> get, ISecretReader secrets, Dictionary<string, string> credentials, string field, string? property, params string[] fromSecret)
    {
        if (property is not null && get(property) is { } value)
        {
            credentials[field] = value;
            return null;
        }

        foreach (var secretProperty in fromSecret)
        {
            if (get(secretProperty) is not { } secretName)
            {
                continue;
            }

            if (secrets.Read(secretName) is not { } secret)
            {
                return $"{secretProperty}: the secret '{secretName}' is not set";
            }

            credentials[field] = secret;
            return null;
        }

        return null;
    }

    protected static Dictionary<string, string> Options(params (string Name, string? Value)[] options) =>
        options.Where(option => option.Value is not null).ToDictionary(option => option.Name, option => option.Value!);
}
