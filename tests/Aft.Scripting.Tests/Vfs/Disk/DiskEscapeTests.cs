using Aft.Scripting.Vfs;
using Microsoft.Extensions.DependencyInjection;
using static Aft.Scripting.Tests.Js;

namespace Aft.Scripting.Tests.Vfs.Disk;

/// <summary>A disk VFS never reaches outside its root, whatever path or link a script uses.</summary>
public sealed class DiskEscapeTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ScriptHarness _harness;
    private readonly string _secretFile;

    public DiskEscapeTests()
    {
        var root = _temp.Folder("root");
        _secretFile = _temp.File("outside/secret.txt", "top secret");
        _temp.Folder("root/inside");
        File.CreateSymbolicLink(Path.Join(root, "out-link.txt"), _secretFile);
        File.CreateSymbolicLink(Path.Join(root, "out-dir"), Path.Join(_temp.Path, "outside"));
        File.CreateSymbolicLink(Path.Join(root, "inside", "up"), "../..");
        var catalog = new InMemoryVfsCatalog().AddDisk("jail", root);
        _harness = new ScriptHarness(services => services.AddSingleton<IVfsCatalog>(catalog));
    }

    public void Dispose()
    {
        _harness.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("../outside/secret.txt", "'../outside/secret.txt' points outside the VFS root")]
    [InlineData("/inside/../../outside/secret.txt", "'/inside/../../outside/secret.txt' points outside the VFS root")]
    [InlineData("/out-link.txt", "'/out-link.txt' resolves outside the VFS root")]
    [InlineData("/out-dir/secret.txt", "'/out-dir/secret.txt' resolves outside the VFS root")]
    [InlineData("/inside/up/outside/secret.txt", "'/inside/up/outside/secret.txt' resolves outside the VFS root")]
    public void Reading_outside_the_root_fails_with_a_clear_message(string path, string message)
    {
        var lines = _harness.RunLogged($$"""
            var r = VirtualFSByName("jail").ReadFileAsText({{Quote(path)}});
            Log(r.Ok()); Log(r.ErrorMsg()); Log(r.Data() === "");
            """);

        Assert.Equal(["false", message, "true"], lines);
    }

    [Fact]
    public void An_absolute_host_path_is_taken_inside_the_root_and_does_not_reach_the_host_file()
    {
        var lines = _harness.RunLogged($$"""
            var r = VirtualFSByName("jail").ReadFileAsText({{Quote(_secretFile)}});
            Log(r.Ok()); Log(r.Data());
            """);

        Assert.Equal(["false", ""], lines);
    }

    [Fact]
    public void Writing_through_a_link_that_points_outside_fails_and_leaves_the_outside_file_alone()
    {
        var lines = _harness.RunLogged("""
            var v = VirtualFSByName("jail");
            Log(v.WriteFileAsText("/out-link.txt", "pwned").Ok());
            Log(v.WriteFileAsText("/out-dir/new.txt", "pwned").Ok());
            Log(v.Remove("/out-dir/secret.txt").Ok());
            """);

        Assert.Equal(["false", "false", "false"], lines);
        Assert.Equal("top secret", File.ReadAllText(_secretFile));
        Assert.False(_temp.Exists("outside/new.txt"));
    }

    [Fact]
    public void Listing_a_linked_folder_outside_fails_but_the_link_itself_can_be_described_and_removed()
    {
        var lines = _harness.RunLogged("""
            var v = VirtualFSByName("jail");
            Log(v.ReadDir("/out-dir").Ok());
            Log(v.Stat("/out-link.txt").Ok());
            var l = v.Lstat("/out-link.txt"); Log(l.Ok() + " " + l.Info().IsSymlink);
            Log(v.Remove("/out-link.txt").Ok());
            """);

        Assert.Equal(["false", "false", "true true", "true"], lines);
        Assert.True(File.Exists(_secretFile));
    }

    [Fact]
    public void Symlink_cannot_create_a_link_to_a_target_outside_the_root()
    {
        var lines = _harness.RunLogged("""
            var r = VirtualFSByName("jail").Symlink("../outside/secret.txt", "/mine");
            Log(r.Ok()); Log(r.ErrorMsg());
            """);

        Assert.Equal(["false", "'../outside/secret.txt' points outside the VFS root"], lines);
    }

    [Fact]
    public void Copying_from_a_linked_folder_outside_fails()
    {
        _temp.Folder("other");
        var lines = _harness.RunLogged($$"""
            var dst = new VirtualFS(VfsTypeDisk, {{Quote(Path.Join(_temp.Path, "other"))}});
            Log(VirtualFSByName("jail").CopyToVFS("/out-dir", dst, "/").Ok());
            """);

        Assert.Equal(["false"], lines);
        Assert.False(_temp.Exists("other/out-dir"));
    }
}
