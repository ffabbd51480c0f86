using Aft.Testing;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Infrastructure;

/// <summary>A browser page on the UI that records script errors and CSP violations, so a test can assert there were none.</summary>
public sealed class UiPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public UiPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add(error);
            }
        };
        // Confirmation prompts (data-confirm) are accepted, as a user who meant to click would.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Signs in on the login page and waits for the page signing in leads to.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("User name").FillAsync(userName);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await Page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        }
        catch (TimeoutException failed)
        {
            // Where the browser got to and what the page says (a refused password, a lockout, a page still loading) tell
            // a slow machine from a broken sign-in.
            throw new TimeoutException($"signing in as '{userName}' did not finish: the page is {Page.Url} ({await Page.EvaluateAsync<string>("() => document.readyState")}) and reads:\n{await Page.Locator("body").InnerTextAsync()}", failed);
        }
    }

    /// <summary>Fails when the page logged a script error or a blocked resource (a CSP violation shows as one).</summary>
    public void AssertNoErrors()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "the page logged errors:\n" + string.Join("\n", _errors));
        }
    }

    /// <summary>
    /// Saves a screenshot of the page. With <c>AFT_UI_SCREENSHOTS=1</c> it goes to <c>docs/ui/NAME.png</c> (how the
    /// docs' pictures are made); otherwise beside the test output, so a run leaves the checkout as it was.
    /// </summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("AFT_UI_SCREENSHOTS") == "1"
            ? Path.Combine(AftBuild.RepositoryRoot, "docs", "ui")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
