using Aft.Scripting.Vfs;

namespace Aft.Scripting.Tests.Vfs;

public sealed class VfsPathTests
{
    [Theory]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("a/b", "/a/b")]
    [InlineData("/a//b/./c/", "/a/b/c")]
    [InlineData("/a/b/../c", "/a/c")]
    [InlineData("\\a\\b", "/a/b")]
    public void Normalize_roots_the_path_and_removes_dot_segments(string input, string expected)
    {
        Assert.Equal(expected, VfsPath.Normalize(input));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("/../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("..\\x")]
    public void Normalize_refuses_to_climb_above_the_root(string input)
    {
        var error = Assert.Throws<VfsException>(() => VfsPath.Normalize(input));
        Assert.Equal($"'{input}' points outside the VFS root", error.Message);
    }

    [Fact]
    public void Join_and_Name_work_on_normalized_paths()
    {
        Assert.Equal("/x", VfsPath.Join("/", "x"));
        Assert.Equal("/a/x", VfsPath.Join("/a", "x"));
        Assert.Equal("x", VfsPath.Name("/a/x"));
    }
}
