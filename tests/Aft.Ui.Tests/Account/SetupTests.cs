using Aft.Testing;
using Aft.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Account;

/// <summary>The first-run wizard on a fresh node, and <c>aft reinit</c> bringing it back.</summary>
[Collection(UiCollection.Name)]
public sealed class SetupTests(UiFixture fixture)
{
    [Fact]
    public async Task A_fresh_node_leads_every_page_to_the_wizard_which_wants_an_admin_key_and_then_makes_the_first_admin()
    {
        await using var node = await UiNode.StartAsync();
        await using var browser = await fixture.Browser.OpenAsync(node);
        var page = browser.Page;

        await page.GotoAsync("/secrets");
        Assert.EndsWith("/setup", page.Url);
        await browser.ScreenshotAsync("setup");

        await FillWizardAsync(page, "not-a-key", "first-admin", "a long enough password", "a long enough password");
        await Assertions.Expect(page.Locator("#adminKey-error")).ToContainTextAsync("not an admin API key");
        Assert.Equal("", await page.GetByLabel("Initial admin key").InputValueAsync());

        await FillWizardAsync(page, node.AdminKey, "first-admin", "short", "short");
        await Assertions.Expect(page.Locator("#password-error")).ToContainTextAsync("12 to 256 characters");

        await FillWizardAsync(page, node.AdminKey, "first-admin", "a long enough password", "another password!!");
        await Assertions.Expect(page.Locator("#confirmPassword-error")).ToContainTextAsync("differ");

        await FillWizardAsync(page, node.AdminKey, "first-admin", "a long enough password", "a long enough password");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();

        // Done once: the wizard is gone, for this browser and any other.
        await page.GotoAsync("/setup");
        Assert.Contains("/login", page.Url);
        await using var other = await fixture.Browser.OpenAsync(node);
        await other.Page.GotoAsync("/setup");
        Assert.Contains("/login", other.Page.Url);
        await other.SignInAsync("first-admin", "a long enough password");
        await Assertions.Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Reinit_refuses_while_the_service_runs_then_deletes_the_admins_and_keeps_the_rest_and_the_wizard_returns()
    {
        await using var node = await UiNode.StartAsync();
        await node.Get<Grains.Accounts.AdminAccounts>().CreateFirstAsync("locked-out", "a password nobody remembers");
        using (var client = node.AdminClient())
        {
            var created = await client.PostAsync("/v1/scripts", new StringContent("""{"name":"kept","code":"log('kept')"}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var refused = await AftCli.RunAsync(["reinit", "--data-dir", node.DataDir, "--yes"]);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("the service is running", refused.Stderr);

        await node.StopAsync();
        var declined = await AftCli.RunAsync(["reinit", "--data-dir", node.DataDir], stdin: "no\n");
        Assert.NotEqual(0, declined.ExitCode);
        Assert.Contains("nothing was changed", declined.Stderr);

        var done = await AftCli.RunAsync(["reinit", "--data-dir", node.DataDir], stdin: "yes\n");
        Assert.True(done.ExitCode == 0, done.ToString());
        Assert.Contains("Deleted 1 admin account", done.Stdout);
        Assert.Contains("Kept: scripts, VFS Library, secrets, API keys, jobs", done.Stdout);

        await node.StartAgainAsync();
        await using var browser = await fixture.Browser.OpenAsync(node);
        await browser.Page.GotoAsync("/");
        Assert.EndsWith("/setup", browser.Page.Url);
        using var admin = node.AdminClient();
        Assert.Contains("\"kept\"", await admin.GetStringAsync("/v1/scripts"));
        Assert.Contains("ui.reinitialized", await admin.GetStringAsync("/v1/audit"));
    }

    private static async Task FillWizardAsync(IPage page, string key, string userName, string password, string confirm)
    {
        await page.GetByLabel("Initial admin key").FillAsync(key);
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(confirm);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the admin account" }).ClickAsync();
    }
}
