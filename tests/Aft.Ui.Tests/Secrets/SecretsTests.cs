using Aft.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Secrets;

[Collection(UiCollection.Name)]
public sealed class SecretsTests(UiFixture fixture)
{
    [Fact]
    public async Task A_secret_is_added_replaced_and_deleted_and_its_value_is_never_shown_again()
    {
        const string value = "v4lue-that-must-not-show";
        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/secrets");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("bad name!");
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save secret" }).ClickAsync();
        await Assertions.Expect(page.Locator("#name-error")).ToContainTextAsync("letters, digits");
        Assert.DoesNotContain(value, await page.ContentAsync());

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("sftp.password");
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save secret" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the secret 'sftp.password'");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "sftp.password" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("secrets");

        await page.ReloadAsync();
        Assert.DoesNotContain(value, await page.ContentAsync());
        using (var client = fixture.Node.AdminClient())
        {
            Assert.DoesNotContain(value, await client.GetStringAsync("/v1/secrets"));
            Assert.DoesNotContain(value, await client.GetStringAsync("/v1/audit"));
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Replace the value of sftp.password" }).ClickAsync();
        Assert.Equal("sftp.password", await page.GetByLabel("Name", new() { Exact = true }).InputValueAsync());
        Assert.Equal("", await page.GetByLabel("Value", new() { Exact = true }).InputValueAsync());
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("a new value");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save secret" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the secret 'sftp.password'");
        Assert.Equal("a new value", fixture.Node.Get<Grains.Security.SecretStore>().Read("sftp.password"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete secret sftp.password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deleted the secret 'sftp.password'");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "sftp.password" })).ToHaveCountAsync(0);
        using (var client = fixture.Node.AdminClient())
        {
            var audit = await client.GetStringAsync("/v1/audit");
            Assert.Contains("\"kind\":\"admin\"", audit);
            Assert.Contains("secret.deleted", audit);
        }

        browser.AssertNoErrors();
    }
}
