using Aft.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Jobs;

[Collection(UiCollection.Name)]
public sealed class JobListTests(UiFixture fixture)
{
    /// <summary>The list's page size (JobList.razor).</summary>
    private const int PageSize = 25;

    [Fact]
    public async Task The_list_is_filtered_by_script_and_status_in_its_address_and_pages_on()
    {
        using var rest = new JobsRest(fixture.Node);
        var (script, name) = await rest.CreateScriptAsync("list", """if (Params("fail")) { throw new Error("asked to fail"); }""");
        var jobs = new List<string>();
        for (var i = 0; i < PageSize + 3; i++)
        {
            jobs.Add(await rest.SubmitAsync(script, new { fail = i < 2 }));
        }

        foreach (var job in jobs)
        {
            await rest.WaitForEndAsync(job);
        }

        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/jobs");
        await page.GetByLabel("Script").SelectOptionAsync(new SelectOptionValue { Label = name });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        // Newest first, a page at a time: the newest 25, then the 3 oldest (the two that failed among them).
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(PageSize);
        Assert.Contains($"scriptId={script}", page.Url);
        await Assertions.Expect(rows.First).ToContainTextAsync(jobs[^1]);
        await browser.ScreenshotAsync("jobs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Last).ToContainTextAsync(jobs[0]);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "First page" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(PageSize);

        await page.GetByLabel("Status").SelectOptionAsync("failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.Contains("status=failed", page.Url);
        await Assertions.Expect(rows.Locator(".badge")).ToHaveTextAsync(["failed", "failed"]);

        // The address alone gives the same list (bookmarks, links from the dashboard).
        await page.GotoAsync($"/jobs?scriptId={script}&status=succeeded&createdAfter=2999-01-01T00:00");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("No jobs match these filters.");
        await Assertions.Expect(page.GetByLabel("Status")).ToHaveValueAsync("succeeded");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task A_filter_that_is_not_valid_is_named_at_its_field()
    {
        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;

        await page.GotoAsync("/jobs?status=sleeping&createdBefore=yesterday");

        await Assertions.Expect(page.Locator("#createdBefore-error")).ToContainTextAsync("Enter a date and time");
        await page.GotoAsync("/jobs?status=sleeping");
        await Assertions.Expect(page.Locator("#status-error")).ToContainTextAsync("'status' must be one of");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(0);
    }
}
