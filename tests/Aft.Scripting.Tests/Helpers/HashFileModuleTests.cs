using System.Security.Cryptography;
using System.Text;
using Aft.Scripting.Tests.Vfs;
using Aft.Scripting.Vfs;
using Microsoft.Extensions.DependencyInjection;
using static Aft.Scripting.Tests.Js;

namespace Aft.Scripting.Tests.Helpers;

public sealed class HashFileModuleTests : IDisposable
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("hash me\n");

    private readonly TempDirectory _temp = new();
    private readonly ScriptHarness _harness;
    private readonly string _local;

    public HashFileModuleTests()
    {
        _local = _temp.File("v/data.txt", "hash me\n");
        var catalog = new InMemoryVfsCatalog().AddDisk("V", Path.Join(_temp.Path, "v"));
        _harness = new ScriptHarness(services => services.AddSingleton<IVfsCatalog>(catalog));
    }

    public void Dispose()
    {
        _harness.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void HashFile_hashes_a_local_file_with_sha256_by_default_and_sha1_md5_sha512_on_request()
    {
        var lines = _harness.RunLogged($$"""
            var p = {{Quote(_local)}};
            Log(HashFile(p).Data()); Log(HashFile(p, "sha1").Data()); Log(HashFile(p, "MD5").Data()); Log(HashFile(p, "sha512").Data());
            """);

        Assert.Equal(
            [Hex(SHA256.HashData(Content)), Hex(SHA1.HashData(Content)), Hex(MD5.HashData(Content)), Hex(SHA512.HashData(Content))],
            lines);
    }

    [Fact]
    public void HashFile_hashes_a_file_in_a_vfs()
    {
        Assert.Equal([Hex(SHA256.HashData(Content))], _harness.RunLogged("""Log(HashFile(VirtualFSByName("V"), "/data.txt", "sha256").Data());"""));
    }

    [Fact]
    public void HashFile_of_a_missing_file_is_not_Ok_with_empty_data()
    {
        Assert.Equal(["false []"], _harness.RunLogged("""var r = HashFile(VirtualFSByName("V"), "/none.txt"); Log(r.Ok(), "[" + r.Data() + "]");"""));
    }

    [Fact]
    public void HashFile_with_an_unknown_algorithm_is_a_TypeError()
    {
        var outcome = _harness.Run($"HashFile({Quote(_local)}, \"crc32\");");

        Assert.Equal("uncaught error: HashFile: unknown algorithm 'crc32' (use sha256, sha1, md5 or sha512) (line 1, column 1)", outcome.Error);
    }

    private static string Hex(byte[] digest) => Convert.ToHexStringLower(digest);
}
