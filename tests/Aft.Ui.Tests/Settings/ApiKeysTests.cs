using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Aft.Testing;
using Aft.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Settings;

[Collection(UiCollection.Name)]
public sealed class ApiKeysTests(UiFixture fixture)
{
    [Fact]
    public async Task A_key_created_in_the_ui_is_shown_once_works_with_curl_and_aft_start_shows_its_last_use_and_is_revoked()
    {
        using (var admin = fixture.Node.AdminClient())
        {
            (await admin.PostAsJsonAsync("/v1/scripts", new { name = "ui-key-script", code = "console.log('hi');" })).EnsureSuccessStatusCode();
        }

        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Settings" }).GetByRole(AriaRole.Link, new() { Name = "API Keys" }).ClickAsync();

        await page.GetByLabel("Name").FillAsync("ui-etl");
        await page.GetByLabel("jobs:run").CheckAsync();
        await page.GetByLabel("jobs:read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("it will not be shown again");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy key" })).ToHaveAttributeAsync("data-copy", "new-key");
        var key = (await page.Locator("#new-key").TextContentAsync())!.Trim();
        Assert.InRange(key.Length, 40, 44);
        await browser.ScreenshotAsync("api-keys");

        // The key works from a real curl, trusting exactly the node's certificate...
        var jobs = await CurlAsync(key, "/v1/jobs");
        Assert.Equal(200, jobs.Status);

        // ...and with the aft CLI, which submits a job with it.
        var started = await AftCli.RunAsync(["start", "-n", "ui-key-script", "--host", $"127.0.0.1:{fixture.Node.Port}", "-a", key, "--cert-sha256", CertificateSha256()]);
        Assert.True(started.ExitCode == 0, started.ToString());
        using (var reader = fixture.Node.Client(key))
        {
            var job = await reader.GetFromJsonAsync<JsonElement>($"/v1/jobs/{started.Stdout.Trim()}");
            Assert.Equal("ui-key-script", job.GetProperty("scriptName").GetString());
        }

        // Shown once: the page again lists it by its first characters only, with its last use.
        await page.GotoAsync("/settings/api-keys");
        Assert.DoesNotContain(key, await page.ContentAsync());
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ui-etl" });
        await Assertions.Expect(row).ToContainTextAsync(key[..6] + "…");
        await Assertions.Expect(row).ToContainTextAsync("jobs:run, jobs:read");
        await Assertions.Expect(row).ToContainTextAsync("127.0.0.0/8");
        await WaitForLastUseAsync("ui-etl");
        await page.ReloadAsync();
        await Assertions.Expect(row.Locator("td").Nth(5).Locator("time")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke API key ui-etl" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Revoked the API key 'ui-etl'");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Equal(401, (await CurlAsync(key, "/v1/jobs")).Status);
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Bad_input_is_named_next_to_its_field_and_nothing_is_created()
    {
        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/settings/api-keys");

        await page.GetByLabel("Name").FillAsync("ui-bad");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#scopes-error")).ToContainTextAsync("one or more of jobs:run, jobs:read, admin");

        await page.GetByLabel("jobs:read").CheckAsync();
        await page.GetByLabel("IP allowlist").FillAsync("10.0.0.0/8\n10.0.0.300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#allowedIps-error")).ToContainTextAsync("'10.0.0.300' is not an IP address");

        await page.GetByLabel("IP allowlist").FillAsync("10.0.0.0/8");
        await page.GetByText("Rate limits (optional)").ClickAsync();
        await page.GetByLabel("Read burst").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#readBurst-error")).ToContainTextAsync("from 1 to 1000000");
        await Assertions.Expect(page.GetByLabel("Read burst")).ToBeVisibleAsync();

        using var admin = fixture.Node.AdminClient();
        Assert.DoesNotContain("ui-bad", await admin.GetStringAsync("/v1/apikeys"));
        browser.AssertNoErrors();
    }

    private async Task WaitForLastUseAsync(string name)
    {
        using var admin = fixture.Node.AdminClient();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var keys = await admin.GetFromJsonAsync<JsonElement[]>("/v1/apikeys");
            if (keys!.Single(key => key.GetProperty("name").GetString() == name).GetProperty("lastUsedAt").ValueKind == JsonValueKind.String)
            {
                return;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"the key '{name}' never showed a last use");
            await Task.Delay(50);
        }
    }

    private string CertificatePath => Path.Combine(fixture.Node.DataDir, "tls", "aft.crt");

    private string CertificateSha256()
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(CertificatePath);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>A real <c>curl</c> with the key, trusting the node's certificate (<c>--cacert</c>); the HTTP status it got.</summary>
    private async Task<(int Status, string Body)> CurlAsync(string key, string path)
    {
        var curl = Process.Start(new ProcessStartInfo("curl", ["-s", "--cacert", CertificatePath, "-H", $"X-API-Key: {key}", "-w", "\n%{http_code}", $"https://127.0.0.1:{fixture.Node.Port}{path}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        Assert.True(curl.ExitCode == 0, $"curl failed ({curl.ExitCode}): {await curl.StandardError.ReadToEndAsync()}");
        var split = output.LastIndexOf('\n');
        return (int.Parse(output[(split + 1)..]), output[..split]);
    }
}
