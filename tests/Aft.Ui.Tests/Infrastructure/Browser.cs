using Microsoft.Playwright;

namespace Aft.Ui.Tests.Infrastructure;

/// <summary>Playwright driving Debian's Chromium, headless (no browser download: the driver is in the NuGet package).</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/lib/chromium/chromium";

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    // Playwright's own defaults (30 s for an action or a navigation) and twice its 5 s for an expectation: the suite
    // runs beside the others on a two-core CI machine, where a page can wait seconds for a busy node.
    private const float ActionTimeout = 30_000;
    private const float ExpectTimeout = 10_000;

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"no Chromium at {ChromiumPath}: run tests/servers/install.sh (it installs Debian's chromium)");
        }

        Assertions.SetDefaultExpectTimeout(ExpectTimeout);
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        return new Browser(playwright, chromium);
    }

    /// <summary>
    /// A new page in a context of its own (its own cookies) on <paramref name="node"/>, <paramref name="width"/> px wide.
    /// The node's certificate is self-signed; the page fails the test on any Content-Security-Policy violation or script error.
    /// </summary>
    public async Task<UiPage> OpenAsync(UiNode node, int width = 1280)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = node.BaseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        context.SetDefaultTimeout(ActionTimeout);
        return new UiPage(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
