using System.Globalization;

namespace Aft.Scripting.Vfs;

/// <summary>One option a VFS type takes: its name, what it means, and the check of its value (an error message, or null when fine).</summary>
public sealed record VfsOptionSpec(string Name, string Description, Func<string, string?> Check)
{
    public static VfsOptionSpec Text(string name, string description) =>
        new(name, description, value => value.Length == 0 ? "must not be empty" : null);

    public static VfsOptionSpec Integer(string name, string description, int min, int max) =>
        new(name, description, value =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
                ? null
                : $"must be a whole number from {min} to {max}");

    public static VfsOptionSpec Boolean(string name, string description) =>
        new(name, description, value => bool.TryParse(value, out _) ? null : "must be \"true\" or \"false\"");

    public static VfsOptionSpec OneOf(string name, string description, params string[] values) =>
        new(name, description, value =>
            values.Contains(value, StringComparer.OrdinalIgnoreCase) ? null : $"must be one of: {string.Join(", ", values)}");

    /// <summary>The connection limit every remote type takes (<see cref="VfsEndpoint"/>).</summary>
    public static VfsOptionSpec MaxConnections { get; } = Integer(
        VfsDefinitionOptions.MaxConnections, $"most connections to the endpoint at once, cluster-wide (default {VfsDefinitionOptions.DefaultMaxConnections})", 1, 1000);
}
