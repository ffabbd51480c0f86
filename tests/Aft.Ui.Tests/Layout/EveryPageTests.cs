using Aft.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Layout;

/// <summary>What every page must do: fit a 390 px phone and a 1280 px screen, and be navigable by landmarks, headings and labels.</summary>
[Collection(UiCollection.Name)]
public sealed class EveryPageTests(UiFixture fixture)
{
    public static TheoryData<string> Pages() =>
        ["/", "/jobs", "/scripts", "/scripts/new", "/vfs", "/vfs/new", "/secrets", "/settings", "/settings/api-keys", "/account/password"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_fits_a_phone_and_has_a_main_landmark_one_h1_and_a_label_for_every_field(string path)
    {
        foreach (var width in new[] { 390, 1280 })
        {
            await using var browser = await fixture.SignedInPageAsync(width);
            var page = browser.Page;
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);

            // Wide content (tables, the log, the chart) scrolls inside its own box; the page itself never does sideways.
            var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            var overflowing = await page.EvaluateAsync<string[]>($$"""
                [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > {{width}} + 1)
                  .filter(e => !e.parentElement.closest(".table-wrap, pre"))
                  .slice(0, 5).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))
                """);
            Assert.True(pageWidth <= width, $"{path} is {pageWidth} px wide at {width} px: {string.Join(", ", overflowing)}");

            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("h1")).ToHaveCountAsync(1);
            var unlabelled = await page.EvaluateAsync<string[]>("""
                [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
                  .filter(field => field.labels.length === 0 && !field.getAttribute("aria-label") && !field.getAttribute("aria-labelledby"))
                  .map(field => field.outerHTML)
                """);
            Assert.True(unlabelled.Length == 0, $"{path} has fields without a label: {string.Join(" ", unlabelled)}");
            browser.AssertNoErrors();
        }
    }
}
