using Aft.Scripting.Vfs;

namespace Aft.Grains.Vfs;

/// <summary>A stored VFS Library entry with its bookkeeping.</summary>
public sealed record VfsRecord(VfsDefinition Definition, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
