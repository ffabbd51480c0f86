using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aft.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Scripts;

[Collection(UiCollection.Name)]
public sealed partial class ScriptsTests(UiFixture fixture)
{
    private const string Broken = "const who = Params(\"who\") || \"world\";\nLog.Info(\"hello \" + who);\nlet total = 1 +* 2;\n";
    private const string Fixed = "const who = Params(\"who\") || \"world\";\nLog.Info(\"hello \" + who);\nlet total = 1 + 2;\n";
    private const string Changed = "const who = Params(\"who\") || \"world\";\nLog.Info(\"hello, \" + who);\nlet total = 1 + 2;\nLog.Info(\"total \" + total);\n";

    [Fact]
    public async Task A_script_with_a_syntax_error_shows_it_at_its_line_then_is_saved_versioned_compared_and_run()
    {
        await using var browser = await fixture.SignedInPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/scripts");
        await page.GetByRole(AriaRole.Link, new() { Name = "New script" }).ClickAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("hello-ui");
        await page.GetByLabel("Description").FillAsync("Says hello to whoever the job names");
        await ReplaceCodeAsync(page, Broken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create script" }).ClickAsync();

        // The field's message and the editor both put the error at line 3, column 16 (the '*').
        await Assertions.Expect(page.Locator("#code-error")).ToContainTextAsync("syntax error: Unexpected token '*' (line 3, column 16)");
        await Assertions.Expect(page.Locator(".cm-lintRange-error")).ToHaveTextAsync("let total = 1 +* 2;");
        await Assertions.Expect(page.Locator(".cm-gutter-lint .cm-gutterElement").Filter(new() { Has = page.Locator(".cm-lint-marker-error") })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".cm-lineNumbers .cm-activeLineGutter")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator(".cm-content")).ToBeFocusedAsync();
        Assert.Equal(new[] { 3, 16 }, await page.EvaluateAsync<int[]>(CursorScript));
        Assert.Equal("hello-ui", await page.GetByLabel("Name", new() { Exact = true }).InputValueAsync());
        Assert.DoesNotContain(await fixture.Node.Get<Grains.Scripts.ScriptStore>().ListAsync(), script => script.Name == "hello-ui");
        await browser.ScreenshotAsync("scripts-editor-error");

        await ReplaceCodeAsync(page, Fixed);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create script" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved version 1 of 'hello-ui'");
        var id = ScriptUrl().Match(page.Url).Groups[1].Value;

        await ReplaceCodeAsync(page, Changed);
        await page.GetByLabel("Max attempts").FillAsync("500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        await Assertions.Expect(page.Locator("[id='retry.maxAttempts-error']")).ToContainTextAsync("'retry.maxAttempts' must be a number from 1 to 100");
        Assert.Equal(1, (await fixture.Node.Get<Grains.Scripts.ScriptStore>().GetAsync(id))!.Version);
        await page.GetByLabel("Max attempts").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved version 2 of 'hello-ui'");

        await page.GetByRole(AriaRole.Link, new() { Name = "Versions" }).ClickAsync();
        var history = page.GetByRole(AriaRole.Table).First;
        await Assertions.Expect(history.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("v2 (current)");
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Nth(2)).ToContainTextAsync("v1");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Changes from v1 to v2" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".diff-summary")).ToHaveTextAsync("Code: 2 lines added, 1 removed.");
        // Marked in words for screen readers (the + and − signs on screen are hidden from them), not only by colour.
        await Assertions.Expect(page.Locator("table.diff tr.removed")).ToHaveAccessibleNameAsync("2 removed Log.Info(\"hello \" + who);");
        await Assertions.Expect(page.Locator("table.diff tr.added").First).ToHaveAccessibleNameAsync("2 added Log.Info(\"hello, \" + who);");
        await Assertions.Expect(page.Locator("table.diff tr.added").Last).ToHaveAccessibleNameAsync("4 added Log.Info(\"total \" + total);");
        await Assertions.Expect(page.Locator("table.diff tr.added .sign").First).ToHaveTextAsync("+added");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Settings changed" }).GetByRole(AriaRole.Row).Nth(1)).ToHaveTextAsync("Max attempts13");
        await browser.ScreenshotAsync("scripts-diff");

        // A script made through the API is listed too, and is deleted after the browser asked.
        using (var client = fixture.Node.AdminClient())
        {
            (await client.PostAsJsonAsync("/v1/scripts", new { name = "old-cleanup", description = "Removes last year's files", code = "Log.Info('x');" })).EnsureSuccessStatusCode();
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Scripts", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "hello-ui" })).ToContainTextAsync("v2");
        await browser.ScreenshotAsync("scripts");
        var asked = new TaskCompletionSource<string>();
        page.Dialog += (_, dialog) => asked.TrySetResult(dialog.Message);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete script old-cleanup" }).ClickAsync();
        Assert.Contains("Delete the script 'old-cleanup'?", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deleted the script 'old-cleanup'");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "old-cleanup" })).ToHaveCountAsync(0);
        using (var client = fixture.Node.AdminClient())
        {
            var audit = await client.GetStringAsync("/v1/audit");
            Assert.Contains("script.deleted", audit);
            Assert.Contains("script.updated", audit);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Run hello-ui now" }).ClickAsync();
        await page.GetByLabel("Parameters").FillAsync("\"yesterday\"");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Assertions.Expect(page.Locator("#params-error")).ToContainTextAsync("'params' must be an object");
        await page.GetByLabel("Parameters").FillAsync("{\"who\": \"operator\"}");
        browser.AssertNoErrors();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await page.WaitForURLAsync(JobUrl());

        using (var client = fixture.Node.AdminClient())
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{JobUrl().Match(page.Url).Groups[1].Value}?wait=10s");
            Assert.Equal("ui", job.GetProperty("source").GetString());
            Assert.Equal(id, job.GetProperty("scriptId").GetString());
            Assert.Equal(2, job.GetProperty("scriptVersion").GetInt32());
            Assert.Equal("operator", job.GetProperty("params").GetProperty("who").GetString());
        }
    }

    /// <summary>The line and column (1-based) of the editor's cursor, read from CodeMirror's state.</summary>
    private const string CursorScript = """
        async () => {
          const { EditorView } = await import("@codemirror/view");
          const state = EditorView.findFromDOM(document.querySelector(".cm-editor")).state;
          const head = state.selection.main.head, line = state.doc.lineAt(head);
          return [line.number, head - line.from + 1];
        }
        """;

    /// <summary>
    /// Replaces the editor's text as an input method would (typing would meet auto-indent and bracket closing). The old
    /// text is deleted first: Chromium's own editing, inserting over highlighted text, tries a style attribute, which the CSP refuses.
    /// </summary>
    private static async Task ReplaceCodeAsync(IPage page, string code)
    {
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("ControlOrMeta+a");
        await page.Keyboard.PressAsync("Backspace");
        await page.Keyboard.InsertTextAsync(code);
    }

    [GeneratedRegex("/scripts/([0-9a-f]{32})")]
    private static partial Regex ScriptUrl();

    [GeneratedRegex("/jobs/([0-9a-f]+)$")]
    private static partial Regex JobUrl();
}
