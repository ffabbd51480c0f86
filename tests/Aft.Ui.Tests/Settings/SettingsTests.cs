using System.Net.Http.Json;
using System.Text.Json;
using Aft.Grains.Accounts;
using Aft.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Settings;

[Collection(UiCollection.Name)]
public sealed class SettingsTests(UiFixture fixture)
{
    [Fact]
    public async Task Allow_CLI_Run_saved_in_the_ui_is_what_the_api_reads()
    {
        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        using var admin = fixture.Node.AdminClient();
        var before = (await admin.GetFromJsonAsync<JsonElement>("/v1/settings")).GetProperty("allowCliRun").GetBoolean();

        await page.GotoAsync("/settings");
        await page.GetByLabel("Allow CLI Run").SetCheckedAsync(!before);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save job settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"CLI Run is {OnOff(!before)}");
        Assert.Equal(!before, (await admin.GetFromJsonAsync<JsonElement>("/v1/settings")).GetProperty("allowCliRun").GetBoolean());
        Assert.Contains("settings.updated", await admin.GetStringAsync("/v1/audit"));
        await Assertions.Expect(page.GetByLabel("Allow CLI Run")).ToBeCheckedAsync(new() { Checked = !before });
        await browser.ScreenshotAsync("settings");

        await page.GetByLabel("Allow CLI Run").SetCheckedAsync(before);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save job settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"CLI Run is {OnOff(before)}");
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/v1/settings")).GetProperty("allowCliRun").GetBoolean());
        browser.AssertNoErrors();
    }

    private static string OnOff(bool allowed) => allowed ? "allowed" : "not allowed";

    [Fact]
    public async Task A_session_lifetime_out_of_range_and_an_allowlist_that_locks_the_admin_out_are_refused_at_their_fields()
    {
        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/settings");

        await page.GetByLabel("Length").FillAsync("2");
        await page.GetByLabel("Unit").SelectOptionAsync("minutes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save UI settings" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sessionLifetime-error")).ToContainTextAsync("5 minutes to 30 days");

        await page.GetByLabel("Length").FillAsync("12");
        await page.GetByLabel("Unit").SelectOptionAsync("hours");
        await page.GetByLabel("UI allowlist").FillAsync("10.0.0.0/8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save UI settings" }).ClickAsync();
        await Assertions.Expect(page.Locator("#allowedAddresses-error")).ToContainTextAsync("(127.0.0.1) is not in the list: saving it would lock you out");

        await page.GetByLabel("UI allowlist").FillAsync("10.0.0.0/8\n127.0.0.1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save UI settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the UI settings");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Length")).ToHaveValueAsync("12");
        await Assertions.Expect(page.GetByLabel("UI allowlist")).ToHaveValueAsync("10.0.0.0/8\n127.0.0.1");

        // Back to the defaults the other tests expect: any address, 8 hours.
        await page.GetByLabel("Length").FillAsync("8");
        await page.GetByLabel("UI allowlist").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save UI settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the UI settings");
        using var admin = fixture.Node.AdminClient();
        Assert.Contains("ui.settingsChanged", await admin.GetStringAsync("/v1/audit"));
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task A_second_admin_signs_in_removes_themselves_and_the_last_admin_cannot_be_removed()
    {
        // A node of its own: which admins exist must be known to find the last one.
        await using var node = await UiNode.StartAsync();
        await node.Get<AdminAccounts>().CreateFirstAsync(UiFixture.AdminUserName, UiFixture.AdminPassword);
        await using var browser = await fixture.Browser.OpenAsync(node);
        await browser.SignInAsync(UiFixture.AdminUserName, UiFixture.AdminPassword);
        var page = browser.Page;
        await page.GotoAsync("/settings");
        await page.GetByLabel("User name").FillAsync("ui-second");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("second admin's password");
        await page.GetByLabel("Confirm password").FillAsync("another one");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add admin" }).ClickAsync();
        await Assertions.Expect(page.Locator("#confirmPassword-error")).ToContainTextAsync("the passwords differ");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("second admin's password");
        await page.GetByLabel("Confirm password").FillAsync("second admin's password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add admin" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added the admin 'ui-second'");

        // The new admin signs in from a browser of their own, then removes their own account and is signed out.
        await using (var second = await fixture.Browser.OpenAsync(node))
        {
            await second.SignInAsync("ui-second", "second admin's password");
            await second.Page.GotoAsync("/settings");
            await Assertions.Expect(second.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ui-second" })).ToContainTextAsync("you");
            await second.Page.GetByRole(AriaRole.Button, new() { Name = "Remove admin ui-second" }).ClickAsync();
            await second.Page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
            await second.Page.GotoAsync("/settings");
            await second.Page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
            second.AssertNoErrors();
        }

        await page.GotoAsync("/settings");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ui-second" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove admin {UiFixture.AdminUserName}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("the last admin cannot be removed");
        await page.GotoAsync("/settings");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = UiFixture.AdminUserName })).ToHaveCountAsync(1);

        using var admin = node.AdminClient();
        var audit = await admin.GetStringAsync("/v1/audit");
        Assert.Contains("admin.created", audit);
        Assert.Contains("admin.deleted", audit);
        browser.AssertNoErrors();
    }
}
