using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Disk;
using Microsoft.Extensions.DependencyInjection;
using static Aft.Scripting.Tests.Js;

namespace Aft.Scripting.Tests.Vfs;

/// <summary>Other VFS types plug in by registering a provider; the runtime needs no change.</summary>
public sealed class VfsBackendFactoryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_provider_registered_in_DI_serves_its_type_for_library_entries_and_new_VirtualFS()
    {
        _temp.File("x.txt", "served");
        var catalog = new CatalogOf(new VfsDefinition("Archive", "ARCHIVE", _temp.Path, new Dictionary<string, string>(), new Dictionary<string, string>()));
        using var harness = new ScriptHarness(services => services
            .AddSingleton<IVfsCatalog>(catalog)
            .AddSingleton<IVfsBackendProvider>(new ArchiveProvider()));

        var lines = harness.RunLogged($$"""
            Log(VirtualFSByName("archive").ReadFileAsText("/x.txt").Data());
            Log(new VirtualFS("archive", {{Quote(_temp.Path)}}).Type);
            """);

        Assert.Equal(["served", "archive"], lines);
    }

    [Fact]
    public void Scripts_see_only_the_VirtualFS_api_not_the_host_objects_behind_it()
    {
        using var harness = new ScriptHarness();

        var lines = harness.RunLogged($$"""
            var v = new VirtualFS(VfsTypeDisk, {{Quote(_temp.Path)}});
            Log(typeof v.Backend, typeof v.GetType, typeof v.Stat, Object.keys(v).length > 20);
            """);

        Assert.Equal(["undefined undefined function true"], lines);
    }

    private sealed class ArchiveProvider : IVfsBackendProvider
    {
        public string Type => "archive";

        public IReadOnlyList<VfsOptionSpec> Options => [];

        public IReadOnlyList<string> CredentialFields => [];

        public VfsDefinitionProblem? Validate(VfsDefinition definition) => null;

        public IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials) => new DiskVfsBackend(definition.Target);
    }

    private sealed class CatalogOf(VfsDefinition definition) : IVfsCatalog
    {
        public VfsDefinition? Find(string name) => name.Equals(definition.Name, StringComparison.OrdinalIgnoreCase) ? definition : null;
    }
}
