using Aft.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Jobs;

[Collection(UiCollection.Name)]
public sealed class JobPageTests(UiFixture fixture)
{
    [Fact]
    public async Task The_log_arrives_while_the_job_runs_and_the_page_shows_the_end()
    {
        // The job logs two lines, then waits for the test to open its gate (a file in a folder of the test's), so it is
        // still running whatever the machine's speed while the test checks the page; the rest arrive once it opens.
        var gate = Directory.CreateTempSubdirectory("aft-ui-gate-").FullName;
        using var rest = new JobsRest(fixture.Node);
        var (script, _) = await rest.CreateScriptAsync("gated-logger", """
            var gate = new VirtualFS(VfsTypeDisk, Params("gate"), {});
            for (var i = 1; i <= 8; i++) {
                Log("line " + i + " of 8");
                while (i == 2 && !gate.Stat("open").Ok()) Sleep(100);
                Sleep(200);
            }
            """);
        var jobId = await rest.SubmitAsync(script, new { gate });
        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync($"/jobs/{jobId}");

        var log = page.GetByRole(AriaRole.Log);
        await Assertions.Expect(log).ToContainTextAsync("line 2 of 8");
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("running");
        await browser.ScreenshotAsync("job");
        await Assertions.Expect(log).Not.ToContainTextAsync("line 3 of 8");

        await File.WriteAllTextAsync(Path.Combine(gate, "open"), "");
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("succeeded", new() { Timeout = 20_000 });
        await Assertions.Expect(log).ToContainTextAsync("line 8 of 8");
        await Assertions.Expect(page.Locator("#job-log-state")).ToContainTextAsync("The job ended: succeeded");
        // The summary is the server's final one: no Cancel any more, the exit code shown.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel job" })).ToHaveCountAsync(0);
        Assert.Equal(8, await log.Locator("span").CountAsync());
        browser.AssertNoErrors();
        Directory.Delete(gate, recursive: true);
    }

    [Fact]
    public async Task Without_javascript_the_page_shows_the_log_so_far()
    {
        using var rest = new JobsRest(fixture.Node);
        var (script, _) = await rest.CreateScriptAsync("logger", """Log("first"); Log.Warn("second");""");
        var jobId = await rest.SubmitAsync(script);
        await rest.WaitForEndAsync(jobId);
        var context = await fixture.Browser.Chromium.NewContextAsync(new()
        {
            BaseURL = fixture.Node.BaseAddress.ToString(), IgnoreHTTPSErrors = true, JavaScriptEnabled = false,
        });
        await using var browser = new UiPage(context, await context.NewPageAsync());
        await browser.SignInAsync(UiFixture.AdminUserName, UiFixture.AdminPassword);

        await browser.Page.GotoAsync($"/jobs/{jobId}");

        var log = browser.Page.GetByRole(AriaRole.Log);
        await Assertions.Expect(log).ToContainTextAsync("INFO  first");
        await Assertions.Expect(log.Locator("span.level-warn")).ToContainTextAsync("WARN  second");
        await Assertions.Expect(browser.Page.Locator("#job-status")).ToHaveTextAsync("succeeded");
    }

    [Fact]
    public async Task A_running_job_is_cancelled_from_its_page()
    {
        using var rest = new JobsRest(fixture.Node);
        var (script, _) = await rest.CreateScriptAsync("sleeper", """Log("started"); Sleep(60000);""");
        var jobId = await rest.SubmitAsync(script);
        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync($"/jobs/{jobId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Log)).ToContainTextAsync("started");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel job" }).ClickAsync();

        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("cancelled", new() { Timeout = 20_000 });
        Assert.Equal("cancelled", (await rest.WaitForEndAsync(jobId)).GetProperty("status").GetString());
        await Assertions.Expect(page.GetByRole(AriaRole.Log)).ToContainTextAsync("cancel requested");
        using var client = fixture.Node.AdminClient();
        var audit = await client.GetStringAsync("/v1/audit");
        Assert.Contains("job.cancelled", audit);
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Run_again_starts_a_new_job_of_the_script_with_the_same_params()
    {
        using var rest = new JobsRest(fixture.Node);
        var (script, _) = await rest.CreateScriptAsync("greeter", """Log("hello " + Params("who"));""");
        var first = await rest.SubmitAsync(script, new { who = "world", n = 2 });
        await rest.WaitForEndAsync(first);
        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync($"/jobs/{first}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Run again" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/jobs/", StringComparison.Ordinal) && !url.EndsWith(first, StringComparison.Ordinal));
        var second = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Assertions.Expect(page.GetByRole(AriaRole.Log)).ToContainTextAsync("hello world");
        await Assertions.Expect(page.Locator("pre.params")).ToContainTextAsync("\"who\": \"world\"");
        var job = await rest.WaitForEndAsync(second);
        Assert.Equal((script, "ui", "world", 2), (job.GetProperty("scriptId").GetString(), job.GetProperty("source").GetString(),
            job.GetProperty("params").GetProperty("who").GetString(), job.GetProperty("params").GetProperty("n").GetInt32()));
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task The_pages_log_stream_needs_a_signed_in_admin_and_no_api_key_opens_it()
    {
        using var rest = new JobsRest(fixture.Node);
        var (script, _) = await rest.CreateScriptAsync("quiet", """Log("secret-free line");""");
        var jobId = await rest.SubmitAsync(script);
        await rest.WaitForEndAsync(jobId);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/ui/jobs/{jobId}/log");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var client = fixture.Node.AdminClient();
        using var response = await client.SendAsync(request);

        // Sent to sign in (the client follows the redirect to the login page), not streamed.
        Assert.Equal("/login", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("secret-free line", await response.Content.ReadAsStringAsync());
    }
}
