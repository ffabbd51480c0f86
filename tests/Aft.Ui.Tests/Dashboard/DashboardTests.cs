using Aft.Ui.Tests.Infrastructure;
using Aft.Ui.Tests.Jobs;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Dashboard;

[Collection(UiCollection.Name)]
public sealed class DashboardTests(UiFixture fixture)
{
    [Fact]
    public async Task The_dashboard_shows_jobs_by_state_the_last_hour_and_the_latest_failure_with_its_error()
    {
        using var rest = new JobsRest(fixture.Node);
        var (failing, _) = await rest.CreateScriptAsync("failing", """throw new Error("the partner's disk is full");""");
        var (working, _) = await rest.CreateScriptAsync("working", """Log("done");""");
        var (waiting, _) = await rest.CreateScriptAsync("waiting", """Log("waiting"); Sleep(60000);""");
        var failed = await rest.SubmitAsync(failing);
        await rest.WaitForEndAsync(failed);
        await rest.WaitForEndAsync(await rest.SubmitAsync(working));
        var running = await rest.SubmitAsync(waiting);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); (await rest.GetAsync(running, "1s")).GetProperty("status").GetString() != "running";)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job did not start");
        }

        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        Assert.True(await CountAsync(page, "Now", "running") >= 1);
        Assert.True(await CountAsync(page, "Ended in the last hour", "failed") >= 1);
        Assert.True(await CountAsync(page, "Ended in the last hour", "succeeded") >= 1);
        // The chart says its figures to screen readers: in its description and in a table.
        await Assertions.Expect(page.Locator("svg desc")).ToContainTextAsync("jobs ended in the last hour");
        await Assertions.Expect(page.Locator(".visually-hidden table tbody tr")).Not.ToHaveCountAsync(0);
        var failure = page.Locator("table.failures tbody tr").Filter(new() { HasText = failed });
        await Assertions.Expect(failure).ToContainTextAsync("the partner's disk is full");
        await browser.ScreenshotAsync("dashboard");

        await failure.GetByRole(AriaRole.Link, new() { Name = failed }).ClickAsync();
        await page.WaitForURLAsync($"**/jobs/{failed}");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link).Filter(new() { HasText = "running" }).First.ClickAsync();
        Assert.Contains("/jobs?status=running", page.Url);
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = running })).ToHaveCountAsync(1);

        using var client = fixture.Node.AdminClient();
        (await client.PostAsync($"/v1/jobs/{running}/cancel", null)).EnsureSuccessStatusCode();
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task The_dashboard_brings_itself_up_to_date_without_a_reload()
    {
        await using var browser = await OpenUpdatingDashboardAsync();
        var page = browser.Page;
        await page.EvaluateAsync("() => window.loadedOnce = true");

        using var rest = new JobsRest(fixture.Node);
        var (failing, _) = await rest.CreateScriptAsync("failing-later", """throw new Error("failed after the page loaded");""");
        var failed = await rest.SubmitAsync(failing);
        await rest.WaitForEndAsync(failed);

        await Assertions.Expect(page.Locator("table.failures tbody tr").Filter(new() { HasText = failed }))
            .ToContainTextAsync("failed after the page loaded", new() { Timeout = 20_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page was loaded again instead of updated");
        await Assertions.Expect(page.Locator("#dashboard-refresh")).ToHaveTextAsync("It updates itself every 5 seconds.");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task An_open_dashboard_goes_to_the_sign_in_page_once_the_session_ends()
    {
        await using var browser = await OpenUpdatingDashboardAsync();
        var dashboard = browser.Page;

        // Signing out in another tab of the same browser ends the session the dashboard's updates use.
        var other = await browser.Context.NewPageAsync();
        await other.GotoAsync("/jobs");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await other.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));

        await dashboard.BringToFrontAsync();
        await dashboard.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal), new() { Timeout = 20_000 });
        browser.AssertNoErrors();
    }

    /// <summary>A signed-in page on the dashboard once its updates have started (dashboard.js says so on the page).</summary>
    private async Task<UiPage> OpenUpdatingDashboardAsync()
    {
        var browser = await fixture.SignedInPageAsync();
        await browser.Page.GotoAsync("/");
        await Assertions.Expect(browser.Page.Locator("#dashboard-refresh")).ToHaveTextAsync("It updates itself every 5 seconds.");
        return browser;
    }

    /// <summary>The figure on the dashboard's card <paramref name="label"/> in the list <paramref name="group"/>.</summary>
    private static async Task<long> CountAsync(IPage page, string group, string label)
    {
        var card = page.GetByRole(AriaRole.List, new() { Name = group })
            .Locator(".stat-card").Filter(new() { Has = page.Locator(".stat-label", new() { HasTextRegex = new($"^{label}$") }) });
        return long.Parse(await card.Locator(".stat").TextContentAsync() ?? "");
    }
}
