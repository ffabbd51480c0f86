using static Aft.Scripting.Tests.Js;

namespace Aft.Scripting.Tests.Helpers;

public sealed class ZipModuleTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ScriptHarness _harness = new();

    public void Dispose()
    {
        _harness.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Zip_then_Unzip_round_trips_a_folder_tree()
    {
        _temp.File("src/a.txt", "alpha");
        _temp.File("src/sub/b.txt", "beta");
        var zip = Path.Join(_temp.Path, "out.zip");

        var lines = _harness.RunLogged($$"""
            Log(Zip({{Quote(Path.Join(_temp.Path, "src"))}}, {{Quote(zip)}}).Ok());
            Log(Unzip({{Quote(zip)}}, {{Quote(Path.Join(_temp.Path, "dst"))}}).Ok());
            """);

        Assert.Equal(["true", "true"], lines);
        Assert.Equal("alpha", _temp.Read("dst/a.txt"));
        Assert.Equal("beta", _temp.Read("dst/sub/b.txt"));
    }

    [Fact]
    public void Zip_of_a_missing_folder_is_not_Ok_and_leaves_no_file()
    {
        var zip = Path.Join(_temp.Path, "out.zip");

        Assert.Equal(["false"], _harness.RunLogged($"Log(Zip({Quote(Path.Join(_temp.Path, "none"))}, {Quote(zip)}).Ok());"));
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void Unzip_of_a_missing_archive_is_not_Ok()
    {
        Assert.Equal(["false"], _harness.RunLogged($"Log(Unzip({Quote(Path.Join(_temp.Path, "none.zip"))}, {Quote(_temp.Path)}).Ok());"));
    }

    [Fact]
    public void Unzip_refuses_entries_that_climb_out_of_the_folder()
    {
        var zip = Path.Join(_temp.Path, "evil.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("../escaped.txt").Open());
            writer.Write("x");
        }

        Assert.Equal(["false"], _harness.RunLogged($"Log(Unzip({Quote(zip)}, {Quote(_temp.Folder("dst"))}).Ok());"));
        Assert.False(_temp.Exists("escaped.txt"));
    }
}
