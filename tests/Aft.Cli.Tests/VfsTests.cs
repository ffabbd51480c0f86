using Aft.Testing;
using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary><c>aft vfs</c> through the running service's REST API with an admin key.</summary>
[Collection(ServiceCollection.Name)]
public sealed class VfsTests(ScriptedServiceFixture service)
{
    [Fact]
    public async Task Vfs_add_list_show_update_test_and_remove()
    {
        var folder = Directory.CreateDirectory(Path.Combine(service.Root, "vfs-admin")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), "a");
        Assertions.Succeeded(await AftCli.RunAsync(["secrets", "set", "vfs-admin-password", "--host", service.Host, "-a", service.AdminKey], service.Environment, stdin: "pw"));

        // An SFTP entry on a closed port: stored with its options and credential names, and found not to work.
        Assertions.Succeeded(await service.AdminAsync("vfs", "add", "-n", "Admin VFS", "--type", "sftp", "--target", "127.0.0.1:1",
            "--option", "user=aft", "--option", "root=/a=b", "--credential", "password=vfs-admin-password"));
        Assertions.FailsWithOneLine(await service.AdminAsync("vfs", "add", "-n", "admin vfs", "--type", "disk", "--target", folder), 4, "already exists");
        Assert.Contains("Admin VFS", (await service.AdminAsync("vfs", "list")).Stdout);
        Assert.Contains(Assertions.Json(await service.AdminAsync("vfs", "list", "--json")).EnumerateArray(), v => v.GetProperty("name").GetString() == "Admin VFS");
        var shown = Assertions.Json(await service.AdminAsync("vfs", "show", "admin vfs", "--json"));
        Assert.Equal("sftp", shown.GetProperty("type").GetString());
        Assert.Equal("/a=b", shown.GetProperty("options").GetProperty("root").GetString());
        Assert.Equal("vfs-admin-password", shown.GetProperty("credentials").GetProperty("password").GetString());
        Assert.Contains("credentials: password=vfs-admin-password", (await service.AdminAsync("vfs", "show", "Admin VFS")).Stdout);
        Assertions.FailsWithOneLine(await service.AdminAsync("vfs", "test", "Admin VFS"), 4, "does not work");

        Assertions.Succeeded(await service.AdminAsync("vfs", "update", "-n", "Admin VFS", "--type", "disk", "--target", folder));
        var works = await service.AdminAsync("vfs", "test", "Admin VFS");
        Assertions.Succeeded(works);
        Assert.Contains("1 entry", works.Stdout);

        Assertions.Succeeded(await service.AdminAsync("vfs", "update", "-n", "Admin VFS", "--type", "disk", "--target", Path.Combine(folder, "missing")));
        var replaced = Assertions.Json(await service.AdminAsync("vfs", "show", "Admin VFS", "--json"));
        Assert.EndsWith("missing", replaced.GetProperty("target").GetString());
        Assertions.FailsWithOneLine(await service.AdminAsync("vfs", "test", "Admin VFS"), 4, "does not work");
        Assertions.FailsWithOneLine(await service.AdminAsync("vfs", "update", "-n", "No Such VFS", "--type", "disk", "--target", folder), 4, "no VFS named");

        Assertions.Succeeded(await service.AdminAsync("vfs", "rm", "admin vfs"));
        Assertions.FailsWithOneLine(await service.AdminAsync("vfs", "show", "Admin VFS"), 4, "no VFS named");
        Assertions.FailsWithOneLine(await service.AdminAsync("vfs", "test", "Admin VFS"), 4, "no VFS named");
    }

    [Fact]
    public async Task A_bad_type_or_a_credential_that_names_no_secret_is_refused_naming_the_field()
    {
        var folder = service.Root;
        Assertions.FailsWithOneLine(await service.AdminAsync("vfs", "add", "-n", "Bad", "--type", "floppy", "--target", folder), 3, "'type'");

        var pasted = await service.AdminAsync("vfs", "add", "-n", "Bad", "--type", "disk", "--target", folder, "--credential", "password=hunter2-pasted");
        Assertions.FailsWithOneLine(pasted, 3, "credentials.password");
        Assert.DoesNotContain("hunter2-pasted", pasted.Stdout + pasted.Stderr);

        var malformed = await service.AdminAsync("vfs", "add", "-n", "Bad", "--type", "disk", "--target", folder, "--credential", "hunter2-pasted");
        Assertions.FailsWithOneLine(malformed, 3, "--credential");
        Assert.DoesNotContain("hunter2-pasted", malformed.Stdout + malformed.Stderr);

        Assertions.FailsWithOneLine(await service.AdminAsync("vfs", "add", "-n", "Bad", "--type", "sftp", "--target", "127.0.0.1",
            "--option", "user=aft", "--option", "hostKeySha256=MD5:nope", "--credential", "password=vfs-admin-password"), 3, "options.hostKeySha256");
        Assertions.FailsWithOneLine(await service.AdminAsync("vfs", "add", "-n", "Bad", "--type", "disk", "--target", folder, "--option", "depth=3"), 3, "options.depth");

        Assertions.FailsWithOneLine(await service.AdminAsync("vfs", "show", "Bad"), 4, "no VFS named");
    }
}
