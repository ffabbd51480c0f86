using Aft.Grains.Vfs;

namespace Aft.Api.Vfs;

/// <summary>A VFS Library entry as the API shows it: credentials are secret names, never values.</summary>
public sealed record VfsResponse(
    string Name,
    string Type,
    string Target,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyDictionary<string, string> Credentials,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static VfsResponse From(VfsRecord record) => new(
        record.Definition.Name, record.Definition.Type, record.Definition.Target, record.Definition.Options,
        record.Definition.Credentials, record.CreatedAt, record.UpdatedAt);
}

public sealed record VfsTestResponse(string Name, bool Ok, int? Entries, string? Error);
