using Aft.Scripting.Vfs;
using Microsoft.Extensions.DependencyInjection;
using static Aft.Scripting.Tests.Js;

namespace Aft.Scripting.Tests.Vfs.Script;

/// <summary>Conformance of the VirtualFS object on a disk VFS: one behaviour per test, real files.</summary>
public sealed class VirtualFsTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ScriptHarness _harness;

    public VirtualFsTests()
    {
        var catalog = new InMemoryVfsCatalog().AddDisk("Alpha", _temp.Folder("a")).AddDisk("Beta", _temp.Folder("b"));
        _harness = new ScriptHarness(services => services.AddSingleton<IVfsCatalog>(catalog), new Dictionary<string, string?> { ["Vfs:MaxReadBytes"] = "64" });
    }

    public void Dispose()
    {
        _harness.Dispose();
        _temp.Dispose();
    }

    private IReadOnlyList<string> Run(string code) => _harness.RunLogged("var a = VirtualFSByName(\"Alpha\"); var b = VirtualFSByName(\"Beta\");\n" + code);

    [Fact]
    public void VirtualFSByName_matches_names_case_insensitively_and_shows_the_library_name_and_type()
    {
        Assert.Equal(["Alpha disk"], _harness.RunLogged("""var v = VirtualFSByName("ALPHA"); Log(v.Name + " " + v.Type);"""));
    }

    [Fact]
    public void VirtualFSByName_with_an_unknown_name_is_a_TypeError_naming_it_and_the_line()
    {
        var outcome = _harness.Run("var x = 1;\nvar v = VirtualFSByName(\"nope\");");

        Assert.Equal(ScriptOutcomeKind.Failed, outcome.Kind);
        Assert.Equal("uncaught error: VirtualFSByName: there is no VFS named 'nope' (line 2, column 1)", outcome.Error);
    }

    [Fact]
    public void VirtualFSByName_errors_can_be_caught_by_the_script()
    {
        Assert.Equal(["true"], _harness.RunLogged("""try { VirtualFSByName("nope"); } catch (e) { Log(e instanceof TypeError); }"""));
    }

    [Fact]
    public void VirtualFSByName_without_a_VFS_Library_in_the_run_is_an_error()
    {
        using var bare = new ScriptHarness();

        var outcome = bare.Run("VirtualFSByName(\"Alpha\");");

        Assert.Equal("uncaught error: VirtualFSByName: this run has no VFS Library (line 1, column 1)", outcome.Error);
    }

    [Fact]
    public void VirtualFSByName_reads_credential_secrets_when_the_vfs_is_opened()
    {
        var catalog = new CatalogOf(new VfsDefinition("Locked", "locked-disk", _temp.Path, new Dictionary<string, string>(),
            new Dictionary<string, string> { ["password"] = "disk-password" }));
        using var harness = new ScriptHarness(services => services
            .AddSingleton<IVfsCatalog>(catalog)
            .AddSingleton<IVfsBackendProvider>(new LockedDiskProvider()));

        var outcome = harness.Run("VirtualFSByName(\"Locked\");");
        harness.Secrets["disk-password"] = "hunter2";
        var second = harness.Run("VirtualFSByName(\"Locked\");");

        Assert.Equal("uncaught error: VirtualFSByName: VFS 'Locked': the secret 'disk-password' for 'password' is not set (line 1, column 1)", outcome.Error);
        Assert.Equal(ScriptOutcome.Success, second);
    }

    [Fact]
    public void New_VirtualFS_opens_an_ephemeral_disk_vfs_with_or_without_new()
    {
        _temp.File("a/x.txt", "hello");

        var lines = _harness.RunLogged($$"""
            var v = new VirtualFS(VfsTypeDisk, {{Quote(Path.Join(_temp.Path, "a"))}}, '{}');
            var w = VirtualFS("disk", {{Quote(Path.Join(_temp.Path, "a"))}}, {});
            Log(v.ReadFileAsText("/x.txt").Data()); Log(w.Stat("x.txt").Info().Size);
            """);

        Assert.Equal(["hello", "5"], lines);
    }

    [Fact]
    public void New_VirtualFS_with_an_option_its_type_does_not_take_is_a_TypeError_naming_it()
    {
        var outcome = _harness.Run($"new VirtualFS(VfsTypeDisk, {Quote(_temp.Path)}, {{ note: 'x' }});");

        Assert.Equal("uncaught error: VirtualFS: 'options.note' is not an option of the disk type (it takes none) (line 1, column 1)", outcome.Error);
    }

    [Fact]
    public void New_VirtualFS_with_an_unknown_type_is_a_TypeError()
    {
        var outcome = _harness.Run("new VirtualFS(\"carrier-pigeon\", \"/tmp\");");

        Assert.Equal("uncaught error: VirtualFS: unknown VFS type 'carrier-pigeon' (line 1, column 1)", outcome.Error);
    }

    [Fact]
    public void Wrong_argument_types_are_TypeErrors_with_the_line()
    {
        var outcome = _harness.Run("var a = VirtualFSByName(\"Alpha\");\na.Stat(42);");

        Assert.Equal("uncaught error: VirtualFS.Stat: path must be a string (line 2, column 1)", outcome.Error);
    }

    [Fact]
    public void Stat_describes_a_file_with_a_Date_ModTime()
    {
        var file = _temp.File("a/dir/report.csv", "1,2,3");
        File.SetLastWriteTimeUtc(file, new DateTime(2026, 4, 12, 15, 3, 26, DateTimeKind.Utc));

        var lines = Run("""
            var r = a.Stat("/dir/report.csv"); var i = r.Info();
            Log(r.Ok(), r.ErrorMsg() === "", i.Name, i.Path, i.Size, i.IsDir, i.IsSymlink, i.ModTime instanceof Date, i.ModTime.toISOString());
            """);

        Assert.Equal(["true true report.csv /dir/report.csv 5 false false true 2026-04-12T15:03:26.000Z"], lines);
    }

    [Fact]
    public void Stat_of_a_folder_reports_IsDir()
    {
        _temp.Folder("a/dir");

        Assert.Equal(["true 0"], Run("""var i = a.Stat("dir").Info(); Log(i.IsDir + " " + i.Size);"""));
    }

    [Fact]
    public void Stat_of_a_missing_path_is_not_Ok_and_Info_is_null()
    {
        var lines = Run("""var r = a.Stat("/missing.txt"); Log(r.Ok()); Log(r.ErrorMsg()); Log(r.Info());""");

        Assert.Equal(["false", "'/missing.txt': no such file or directory", "null"], lines);
    }

    [Fact]
    public void Lstat_describes_the_link_and_Stat_its_target()
    {
        _temp.File("a/target.txt", "abc");
        File.CreateSymbolicLink(Path.Join(_temp.Path, "a", "link.txt"), "target.txt");

        var lines = Run("""
            var l = a.Lstat("/link.txt").Info(); var s = a.Stat("/link.txt").Info();
            Log(l.IsSymlink + " " + l.Size); Log(s.IsSymlink + " " + s.Size);
            """);

        Assert.Equal(["true 0", "false 3"], lines);
    }

    [Fact]
    public void Mode_holds_the_unix_permission_bits()
    {
        var file = _temp.File("a/m.txt", "x");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal(["384"], Run("""Log(a.Stat("/m.txt").Info().Mode);"""));
    }

    [Fact]
    public void ReadDir_sorts_by_name_ascending_by_default()
    {
        _temp.File("a/b.txt", "x");
        _temp.File("a/a.txt", "x");
        _temp.Folder("a/c");

        Assert.Equal(["true a.txt,b.txt,c"], Run("""var r = a.ReadDir("/"); Log(r.Ok() + " " + r.Infos().map(function (i) { return i.Name; }).join());"""));
    }

    [Fact]
    public void ReadDir_sorts_by_name_descending_by_size_by_time_and_folders_first()
    {
        File.SetLastWriteTimeUtc(_temp.File("a/big.txt", "12345"), new DateTime(2026, 1, 3, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(_temp.File("a/small.txt", "1"), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Directory.SetLastWriteTimeUtc(_temp.Folder("a/zdir"), new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));

        var lines = Run("""
            function names(r) { return r.Infos().map(function (i) { return i.Name; }).join(); }
            Log(names(a.ReadDir("/", SortByName, SortDesc)));
            Log(names(a.ReadDir("/", SortBySize, SortAsc)));
            Log(names(a.ReadDir("/", SortByTime, SortDesc)));
            Log(names(a.ReadDir("/", SortByNameDirsFirst, SortAsc)));
            Log(names(a.ReadDir("/", SortByNameDirsFirst, SortDesc)));
            """);

        Assert.Equal(
            ["zdir,small.txt,big.txt", "zdir,small.txt,big.txt", "big.txt,zdir,small.txt", "zdir,big.txt,small.txt", "zdir,small.txt,big.txt"],
            lines);
    }

    [Fact]
    public void ReadDir_with_an_unknown_order_is_a_TypeError()
    {
        var outcome = _harness.Run("VirtualFSByName(\"Alpha\").ReadDir(\"/\", \"colour\");");

        Assert.Equal("uncaught error: VirtualFS.ReadDir: unknown order 'colour' 'asc' (use the SortBy* and Sort* constants) (line 1, column 1)", outcome.Error);
    }

    [Fact]
    public void ReadDir_of_a_missing_folder_is_not_Ok_and_Infos_is_empty()
    {
        Assert.Equal(["false 0"], Run("""var r = a.ReadDir("/nope"); Log(r.Ok() + " " + r.Infos().length);"""));
    }

    [Fact]
    public void Mkdir_creates_one_folder_and_refuses_an_existing_one_or_a_missing_parent()
    {
        var lines = Run("""Log(a.Mkdir("/new").Ok()); Log(a.Mkdir("/new").ErrorMsg()); Log(a.Mkdir("/x/y").ErrorMsg());""");

        Assert.Equal(["true", "'/new' already exists", "the parent folder of '/x/y' does not exist"], lines);
        Assert.True(Directory.Exists(Path.Join(_temp.Path, "a", "new")));
    }

    [Fact]
    public void MkdirAll_creates_the_missing_parents_and_accepts_an_existing_folder()
    {
        Assert.Equal(["true", "true"], Run("""Log(a.MkdirAll("/x/y/z").Ok()); Log(a.MkdirAll("/x/y").Ok());"""));
        Assert.True(Directory.Exists(Path.Join(_temp.Path, "a", "x", "y", "z")));
    }

    [Fact]
    public void Rmdir_removes_an_empty_folder_only()
    {
        _temp.Folder("a/empty");
        _temp.File("a/full/f.txt", "x");

        Assert.Equal(["true", "false"], Run("""Log(a.Rmdir("/empty").Ok()); Log(a.Rmdir("/full").Ok());"""));
        Assert.False(_temp.Exists("a/empty"));
        Assert.True(_temp.Exists("a/full/f.txt"));
    }

    [Fact]
    public void Rename_moves_a_file_and_replaces_an_existing_target()
    {
        _temp.File("a/one.txt", "one");
        _temp.File("a/two.txt", "two");

        Assert.Equal(["true"], Run("""Log(a.Rename("/one.txt", "/two.txt").Ok());"""));
        Assert.False(_temp.Exists("a/one.txt"));
        Assert.Equal("one", _temp.Read("a/two.txt"));
    }

    [Fact]
    public void Rename_moves_a_folder()
    {
        _temp.File("a/d1/f.txt", "f");

        Assert.Equal(["true"], Run("""Log(a.Rename("/d1", "/d2").Ok());"""));
        Assert.Equal("f", _temp.Read("a/d2/f.txt"));
    }

    [Fact]
    public void Remove_deletes_a_file_but_not_a_folder_or_a_missing_path()
    {
        _temp.File("a/f.txt", "x");
        _temp.Folder("a/d");

        var lines = Run("""Log(a.Remove("/f.txt").Ok()); Log(a.Remove("/d").ErrorMsg()); Log(a.Remove("/f.txt").ErrorMsg());""");

        Assert.Equal(["true", "'/d' is a directory (use Rmdir or RemoveAll)", "'/f.txt': no such file or directory"], lines);
        Assert.False(_temp.Exists("a/f.txt"));
    }

    [Fact]
    public void RemoveAll_deletes_a_tree_and_accepts_a_missing_path()
    {
        _temp.File("a/t/u/v.txt", "x");

        Assert.Equal(["true", "true"], Run("""Log(a.RemoveAll("/t").Ok()); Log(a.RemoveAll("/t").Ok());"""));
        Assert.False(_temp.Exists("a/t"));
    }

    [Fact]
    public void TreeSize_sums_the_files_below_a_folder_or_sizes_one_file()
    {
        _temp.File("a/s/one.txt", "123");
        _temp.File("a/s/deep/two.txt", "4567");

        Assert.Equal(["7", "3", "false 0"], Run("""Log(a.TreeSize("/s").Size()); Log(a.TreeSize("/s/one.txt").Size()); var r = a.TreeSize("/no"); Log(r.Ok() + " " + r.Size());"""));
    }

    [Fact]
    public void Symlink_creates_a_link_that_reads_the_target()
    {
        _temp.File("a/t.txt", "through the link");

        Assert.Equal(["true", "through the link"], Run("""Log(a.Symlink("/t.txt", "/l.txt").Ok()); Log(a.ReadFileAsText("/l.txt").Data());"""));
        Assert.Equal("t.txt", new FileInfo(Path.Join(_temp.Path, "a", "l.txt")).LinkTarget);
    }

    [Fact]
    public void Chmod_sets_the_mode_from_a_number_or_an_octal_string()
    {
        var one = _temp.File("a/one.txt", "x");
        var two = _temp.File("a/two.txt", "x");

        Assert.Equal(["true", "true"], Run("""Log(a.Chmod("/one.txt", 384).Ok()); Log(a.Chmod("/two.txt", "0640").Ok());"""));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(one));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(two));
    }

    [Fact]
    public void Chtimes_sets_access_and_modification_times_from_Dates_or_milliseconds()
    {
        var file = _temp.File("a/t.txt", "x");

        Assert.Equal(["true"], Run("""Log(a.Chtimes("/t.txt", new Date(Date.UTC(2025, 0, 2)), Date.UTC(2025, 5, 6, 7, 8, 9)).Ok());"""));
        Assert.Equal(new DateTime(2025, 1, 2, 0, 0, 0, DateTimeKind.Utc), File.GetLastAccessTimeUtc(file));
        Assert.Equal(new DateTime(2025, 6, 6, 7, 8, 9, DateTimeKind.Utc), File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public void Truncate_cuts_a_file()
    {
        _temp.File("a/t.txt", "123456");

        Assert.Equal(["true"], Run("""Log(a.Truncate("/t.txt", 2).Ok());"""));
        Assert.Equal("12", _temp.Read("a/t.txt"));
    }

    [Fact]
    public void ReadFileAsText_reads_the_whole_file_or_a_range_from_the_start_or_the_end()
    {
        _temp.File("a/r.txt", "0123456789");

        var lines = Run("""
            Log(a.ReadFileAsText("/r.txt").Data());
            Log(a.ReadFileAsText("/r.txt", 3, 2).Data());
            Log(a.ReadFileAsText("/r.txt", 3, 2, FromCurrent).Data());
            Log(a.ReadFileAsText("/r.txt", 0, -4, FromEnd).Data());
            Log(a.ReadFileAsText("/r.txt", 100, 8).Data());
            """);

        Assert.Equal(["0123456789", "234", "234", "6789", "89"], lines);
    }

    [Fact]
    public void ReadFileAsText_outside_the_file_or_on_a_folder_is_not_Ok()
    {
        _temp.File("a/r.txt", "0123");
        _temp.Folder("a/d");

        Assert.Equal(["offset 5 is outside '/r.txt' (4 bytes)", "'/d' is a directory"], Run("""Log(a.ReadFileAsText("/r.txt", 1, 5).ErrorMsg()); Log(a.ReadFileAsText("/d").ErrorMsg());"""));
    }

    [Fact]
    public void ReadFileAs_refuses_a_file_over_the_configured_limit()
    {
        _temp.File("a/big.txt", new string('x', 65));

        Assert.Equal(["'/big.txt' is too large to read into the script (65 bytes, the limit is 64); use ExportFile or CopyToVFS"], Run("""Log(a.ReadFileAsText("/big.txt").ErrorMsg());"""));
    }

    [Fact]
    public void ReadFileAsHex_returns_lowercase_hex()
    {
        File.WriteAllBytes(Path.Join(_temp.Path, "a", "h.bin"), [0x00, 0xAB, 0xFF]);

        Assert.Equal(["00abff", "abff"], Run("""Log(a.ReadFileAsHex("/h.bin").Data()); Log(a.ReadFileAsHex("/h.bin", 2, 1).Data());"""));
    }

    [Fact]
    public void ReadFileAsBytes_returns_a_Uint8Array()
    {
        File.WriteAllBytes(Path.Join(_temp.Path, "a", "h.bin"), [1, 2, 250]);

        Assert.Equal(["true 3 1,2,250", "true 0"], Run("""
            var d = a.ReadFileAsBytes("/h.bin").Data(); Log(d instanceof Uint8Array, d.length, Array.from(d).join());
            var e = a.ReadFileAsBytes("/none").Data(); Log(e instanceof Uint8Array, e.length);
            """));
    }

    [Fact]
    public void WriteFileAsText_writes_utf8_and_replaces_the_file_without_leaving_temporary_files()
    {
        _temp.File("a/w.txt", "old content");

        Assert.Equal(["true"], Run("""Log(a.WriteFileAsText("/w.txt", "grüße").Ok());"""));
        Assert.Equal("grüße", _temp.Read("a/w.txt"));
        Assert.Equal(["w.txt"], Directory.GetFiles(Path.Join(_temp.Path, "a")).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteFileAsText_into_a_missing_folder_is_not_Ok()
    {
        Assert.Equal(["the folder of '/no/w.txt' does not exist"], Run("""Log(a.WriteFileAsText("/no/w.txt", "x").ErrorMsg());"""));
    }

    [Fact]
    public void WriteFileAsHex_decodes_hex()
    {
        Assert.Equal(["true"], Run("""Log(a.WriteFileAsHex("/h.bin", "00ABff").Ok());"""));
        Assert.Equal([0x00, 0xAB, 0xFF], File.ReadAllBytes(Path.Join(_temp.Path, "a", "h.bin")));
    }

    [Fact]
    public void WriteFileAsHex_with_bad_hex_is_a_TypeError()
    {
        var outcome = _harness.Run("VirtualFSByName(\"Alpha\").WriteFileAsHex(\"/h.bin\", \"xyz\");");

        Assert.Equal("uncaught error: WriteFileAsHex: data is not a hex string (line 1, column 1)", outcome.Error);
    }

    [Fact]
    public void WriteFileAsBytes_takes_a_Uint8Array_or_an_array_of_numbers()
    {
        Assert.Equal(["true", "true"], Run("""Log(a.WriteFileAsBytes("/u.bin", new Uint8Array([7, 8])).Ok()); Log(a.WriteFileAsBytes("/n.bin", [9, 255]).Ok());"""));
        Assert.Equal([7, 8], File.ReadAllBytes(Path.Join(_temp.Path, "a", "u.bin")));
        Assert.Equal([9, 255], File.ReadAllBytes(Path.Join(_temp.Path, "a", "n.bin")));
    }

    [Fact]
    public void WriteFileAsBytes_with_a_non_byte_is_a_TypeError()
    {
        var outcome = _harness.Run("VirtualFSByName(\"Alpha\").WriteFileAsBytes(\"/n.bin\", [1, 256]);");

        Assert.Equal("uncaught error: WriteFileAsBytes: element 1 is not a byte (0..255) (line 1, column 1)", outcome.Error);
    }

    [Fact]
    public void ImportFile_copies_a_local_file_into_the_vfs()
    {
        var local = _temp.File("local/in.txt", "imported");

        Assert.Equal(["true"], Run($$"""Log(a.ImportFile({{Quote(local)}}, "/in.txt").Ok());"""));
        Assert.Equal("imported", _temp.Read("a/in.txt"));
    }

    [Fact]
    public void ImportFile_of_a_missing_local_file_is_not_Ok()
    {
        Assert.Equal(["false"], Run($$"""Log(a.ImportFile({{Quote(Path.Join(_temp.Path, "nope"))}}, "/in.txt").Ok());"""));
        Assert.False(_temp.Exists("a/in.txt"));
    }

    [Fact]
    public void ExportFile_copies_to_a_local_file_path_or_into_a_local_folder()
    {
        _temp.File("a/out.txt", "exported");
        var folder = _temp.Folder("local");

        Assert.Equal(["true", "true"], Run($$"""
            Log(a.ExportFile("/out.txt", {{Quote(Path.Join(folder, "renamed.txt"))}}).Ok());
            Log(a.ExportFile("/out.txt", {{Quote(folder)}}).Ok());
            """));
        Assert.Equal("exported", _temp.Read("local/renamed.txt"));
        Assert.Equal("exported", _temp.Read("local/out.txt"));
    }

    [Fact]
    public void CopyToVFS_copies_a_file_into_the_destination_folder_keeping_its_name()
    {
        _temp.File("a/in/report.csv", "1,2,3");
        _temp.Folder("b/out");

        Assert.Equal(["true"], Run("""Log(a.CopyToVFS("/in/report.csv", b, "/out").Ok());"""));
        Assert.Equal("1,2,3", _temp.Read("b/out/report.csv"));
        Assert.True(_temp.Exists("a/in/report.csv"));
    }

    [Fact]
    public void CopyToVFS_streams_files_far_larger_than_the_read_limit()
    {
        var data = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(data);
        File.WriteAllBytes(Path.Join(_temp.Path, "a", "big.bin"), data);

        Assert.Equal(["true"], Run("""Log(a.CopyToVFS("/big.bin", b, "/").Ok());"""));
        Assert.Equal(data, File.ReadAllBytes(Path.Join(_temp.Path, "b", "big.bin")));
    }

    [Fact]
    public void CopyToVFS_copies_a_folder_tree()
    {
        _temp.File("a/tree/one.txt", "1");
        _temp.File("a/tree/sub/two.txt", "2");
        _temp.Folder("a/tree/empty");

        Assert.Equal(["true"], Run("""Log(a.CopyToVFS("/tree", b, "/").Ok());"""));
        Assert.Equal("1", _temp.Read("b/tree/one.txt"));
        Assert.Equal("2", _temp.Read("b/tree/sub/two.txt"));
        Assert.True(Directory.Exists(Path.Join(_temp.Path, "b", "tree", "empty")));
    }

    [Fact]
    public void CopyToVFS_of_a_folder_into_itself_copies_the_tree_once()
    {
        _temp.File("a/tree/one.txt", "1");

        Assert.Equal(["true"], Run("""Log(a.CopyToVFS("/tree", a, "/tree").Ok());"""));
        Assert.Equal("1", _temp.Read("a/tree/tree/one.txt"));
        Assert.False(_temp.Exists("a/tree/tree/tree"));
    }

    [Fact]
    public void CopyToVFS_of_a_missing_source_is_not_Ok_and_writes_nothing()
    {
        Assert.Equal(["'/nope.txt': no such file or directory"], Run("""Log(a.CopyToVFS("/nope.txt", b, "/").ErrorMsg());"""));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Join(_temp.Path, "b")));
    }

    [Fact]
    public void CopyToVFS_to_something_that_is_not_a_VirtualFS_is_a_TypeError()
    {
        var outcome = _harness.Run("VirtualFSByName(\"Alpha\").CopyToVFS(\"/x\", {}, \"/\");");

        Assert.Equal("uncaught error: VirtualFS.CopyToVFS: dstVfs must be a VirtualFS object (line 1, column 1)", outcome.Error);
    }

    [Fact]
    public void MoveToVFS_copies_then_removes_the_source_file_or_tree()
    {
        _temp.File("a/m.txt", "moved");
        _temp.File("a/mt/x.txt", "x");

        Assert.Equal(["true", "true"], Run("""Log(a.MoveToVFS("/m.txt", b, "/").Ok()); Log(a.MoveToVFS("/mt", b, "/").Ok());"""));
        Assert.Equal("moved", _temp.Read("b/m.txt"));
        Assert.Equal("x", _temp.Read("b/mt/x.txt"));
        Assert.False(_temp.Exists("a/m.txt"));
        Assert.False(_temp.Exists("a/mt"));
    }

    /// <summary>A disk VFS that demands a password, to watch credential secrets being read.</summary>
    private sealed class LockedDiskProvider : IVfsBackendProvider
    {
        public string Type => "locked-disk";

        public IReadOnlyList<VfsOptionSpec> Options => [];

        public IReadOnlyList<string> CredentialFields => ["password"];

        public VfsDefinitionProblem? Validate(VfsDefinition definition) => null;

        public IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials) => new Aft.Scripting.Vfs.Disk.DiskVfsBackend(definition.Target);
    }

    private sealed class CatalogOf(VfsDefinition definition) : IVfsCatalog
    {
        public VfsDefinition? Find(string name) => name.Equals(definition.Name, StringComparison.OrdinalIgnoreCase) ? definition : null;
    }
}
