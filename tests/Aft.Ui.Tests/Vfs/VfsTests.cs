using System.Net.Http.Json;
using System.Text.Json;
using Aft.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Vfs;

[Collection(UiCollection.Name)]
public sealed class VfsTests(UiFixture fixture)
{
    [Fact]
    public async Task A_disk_vfs_is_refused_with_a_relative_root_then_created_tested_and_deleted()
    {
        var root = Directory.CreateTempSubdirectory("aft-ui-vfs-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "a.txt"), "a");
        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/vfs");
        await page.GetByRole(AriaRole.Link, new() { Name = "New VFS" }).ClickAsync();

        await page.GetByLabel("Name").FillAsync("ui-archive");
        await page.Locator("#disk-target").FillAsync("relative/folder");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create VFS" }).ClickAsync();
        await Assertions.Expect(page.Locator("#target-error")).ToContainTextAsync("absolute path");
        await Assertions.Expect(page.Locator("#disk-target")).ToHaveAttributeAsync("aria-describedby", "disk-target-hint target-error");

        await page.Locator("#disk-target").FillAsync(root);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create VFS" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Created the VFS 'ui-archive'");

        await page.GetByRole(AriaRole.Button, new() { Name = "Test ui-archive" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("OK: listed 1 entry at the root");

        // The same entry, seen and tested through the REST API.
        using (var client = fixture.Node.AdminClient())
        {
            var stored = await client.GetFromJsonAsync<JsonElement>("/v1/vfs/ui-archive");
            Assert.Equal(root, stored.GetProperty("target").GetString());
        }

        // Its root goes away: the test says why, as an alert.
        Directory.Delete(root, recursive: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test ui-archive" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The test failed");

        await page.GotoAsync("/vfs");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ui-archive" })).ToContainTextAsync(root);
        await browser.ScreenshotAsync("vfs");

        await page.GetByRole(AriaRole.Link, new() { Name = "ui-archive" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete ui-archive" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deleted the VFS 'ui-archive'");
        using (var client = fixture.Node.AdminClient())
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/v1/vfs/ui-archive")).StatusCode);
            Assert.Contains("vfs.deleted", await client.GetStringAsync("/v1/audit"));
        }

        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Choosing_a_type_shows_its_fields_and_credentials_are_picked_from_secret_names()
    {
        using (var client = fixture.Node.AdminClient())
        {
            (await client.PutAsJsonAsync("/v1/secrets/ui-sftp-password", new { value = "never-shown" })).EnsureSuccessStatusCode();
        }

        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/vfs/new");
        await Assertions.Expect(page.Locator("#sftp-target")).ToBeHiddenAsync();

        // vfs.js switches the fields at once (no round trip); the "Show its fields" GET step is for browsers without it.
        await page.GetByLabel("Storage type").SelectOptionAsync("sftp");
        await Assertions.Expect(page.Locator("#sftp-target")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#disk-target")).ToBeHiddenAsync();
        Assert.Contains("type=sftp", page.Url);

        await page.GetByLabel("Name").FillAsync("ui-partner");
        await page.Locator("#sftp-target").FillAsync("sftp.example.com");
        await page.Locator("#sftp-option-user").FillAsync("aft");
        await page.Locator("#sftp-option-maxConnections").FillAsync("0");
        await page.Locator("#sftp-credential-password").SelectOptionAsync("ui-sftp-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create VFS" }).ClickAsync();
        await Assertions.Expect(page.Locator("[id='options.maxConnections-error']")).ToContainTextAsync("from 1 to 1000");

        await page.Locator("#sftp-option-maxConnections").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create VFS" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Created the VFS 'ui-partner'");
        await Assertions.Expect(page.Locator("#sftp-credential-password")).ToHaveValueAsync("ui-sftp-password");
        await Assertions.Expect(page.Locator("#vfs-show-type")).ToBeHiddenAsync();
        await browser.ScreenshotAsync("vfs-editor");
        Assert.DoesNotContain("never-shown", await page.ContentAsync());

        // Editing keeps the type and what is not changed.
        await page.Locator("#sftp-option-maxConnections").FillAsync("4");
        await page.Locator("#sftp-option-user").FillAsync("aft2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the VFS 'ui-partner'");

        using var admin = fixture.Node.AdminClient();
        var stored = await admin.GetFromJsonAsync<JsonElement>("/v1/vfs/ui-partner");
        Assert.Equal("ui-sftp-password", stored.GetProperty("credentials").GetProperty("password").GetString());
        Assert.Equal("4", stored.GetProperty("options").GetProperty("maxConnections").GetString());
        Assert.Equal("aft2", stored.GetProperty("options").GetProperty("user").GetString());
        browser.AssertNoErrors();
    }
}
