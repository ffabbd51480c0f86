using Aft.Grains.Accounts;
using Aft.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Account;

/// <summary>Sign-in, sessions, lockout and the headers every UI page carries.</summary>
[Collection(UiCollection.Name)]
public sealed class SignInTests(UiFixture fixture)
{
    [Fact]
    public async Task A_page_asks_for_a_sign_in_and_then_opens_with_a_strict_session_cookie_and_strict_headers()
    {
        await using var browser = await fixture.Browser.OpenAsync(fixture.Node);
        var page = browser.Page;
        await page.GotoAsync("/secrets");
        Assert.Contains("/login?ReturnUrl=%2Fsecrets", page.Url);
        await browser.ScreenshotAsync("login");

        await page.GetByLabel("User name").FillAsync(UiFixture.AdminUserName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(UiFixture.AdminPassword);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            candidate => new Uri(candidate.Url).AbsolutePath == "/secrets");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Secrets", Exact = true })).ToBeVisibleAsync();

        var session = (await browser.Context.CookiesAsync()).Single(cookie => cookie.Name == "__Host-aft-session");
        Assert.True(session.HttpOnly);
        Assert.True(session.Secure);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);

        var headers = await response.AllHeadersAsync();
        var policy = headers["content-security-policy"];
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_so_that_even_the_right_one_is_refused()
    {
        var accounts = fixture.Node.Get<AdminAccounts>();
        await accounts.AddAsync("lock-me", "the right password");
        await using var browser = await fixture.Browser.OpenAsync(fixture.Node);
        var page = browser.Page;
        await page.GotoAsync("/login");

        for (var attempt = 1; attempt <= accounts.Options.MaxFailedLogins; attempt++)
        {
            await page.GetByLabel("User name").FillAsync("lock-me");
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a wrong password " + attempt);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            var expected = attempt < accounts.Options.MaxFailedLogins ? "not right" : "is locked";
            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(expected);
            // The password typed is never sent back into the page.
            Assert.Equal("", await page.GetByLabel("Password", new() { Exact = true }).InputValueAsync());
        }

        await page.GetByLabel("User name").FillAsync("lock-me");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("the right password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is locked");
        Assert.Contains("/login", page.Url);
        Assert.DoesNotContain(await browser.Context.CookiesAsync(), cookie => cookie.Name == "__Host-aft-session");
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_signing_out_ends_this_one()
    {
        await fixture.Node.Get<AdminAccounts>().AddAsync("changer", "the first password");
        await using var first = await fixture.Browser.OpenAsync(fixture.Node);
        await using var second = await fixture.Browser.OpenAsync(fixture.Node, width: 390);
        await first.SignInAsync("changer", "the first password");
        await second.SignInAsync("changer", "the first password");

        var page = first.Page;
        await page.GotoAsync("/account/password");
        await page.GetByLabel("Current password").FillAsync("the first password");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("the second password");
        await page.GetByLabel("Confirm new password").FillAsync("the second password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("password is changed");

        // This session goes on; the other one (signed in with the old password) is over.
        await page.GotoAsync("/secrets");
        Assert.EndsWith("/secrets", page.Url);
        await second.Page.GotoAsync("/secrets");
        Assert.Contains("/login", second.Page.Url);
        await second.SignInAsync("changer", "the second password");
        Assert.EndsWith("/", second.Page.Url);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync("/secrets");
        Assert.Contains("/login", page.Url);
        first.AssertNoErrors();
    }
}
