using System.Globalization;

namespace Aft.Scripting.Vfs;

/// <summary>Reads a checked definition's options (names are stored as the provider spells them).</summary>
public static class VfsDefinitionOptions
{
    public const string MaxConnections = "maxConnections";
    public const int DefaultMaxConnections = 8;

    public static string? Get(this VfsDefinition definition, string name) =>
        definition.Options.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public static int GetInt(this VfsDefinition definition, string name, int fallback) =>
        definition.Get(name) is { } value ? int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

    public static bool GetBool(this VfsDefinition definition, string name, bool fallback) =>
        definition.Get(name) is { } value ? bool.Parse(value) : fallback;

    public static int MaxConnectionsOf(this VfsDefinition definition) => definition.GetInt(MaxConnections, DefaultMaxConnections);
}
