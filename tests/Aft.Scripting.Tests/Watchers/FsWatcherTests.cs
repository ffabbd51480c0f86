using static Aft.Scripting.Tests.Js;

namespace Aft.Scripting.Tests.Watchers;

/// <summary>FsWatcher on a real temp folder; the script runs on its own thread as in the engine.</summary>
public sealed class FsWatcherTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ScriptHarness _harness = new();
    private readonly CancellationTokenSource _halt = new();

    public void Dispose()
    {
        _halt.Dispose();
        _harness.Dispose();
        _temp.Dispose();
    }

    private Task<ScriptOutcome> Start(string code) =>
        Task.Run(() => _harness.Run($"var dir = {Quote(_temp.Path)};\n{code}", halt: _halt.Token, timeout: TimeSpan.FromSeconds(20)));

    private const string Canonical = """
        w.Start(function (evt) { Log("evt " + evt.Event + " " + evt.Object.substring(dir.length) + " " + (evt.TimeStamp instanceof Date)); });
        Log("ready");
        WaitForHaltSignal();
        w.Stop();
        """;

    [Fact]
    public async Task Start_reports_a_created_file_to_the_callback_on_the_script_thread()
    {
        var run = Start("var w = new FsWatcher(dir);\n" + Canonical);
        await _harness.Log.WaitForAsync(line => line == "ready");

        _temp.File("new.txt", "x");
        await _harness.Log.WaitForAsync(line => line.StartsWith("evt CREATE"));
        await _halt.CancelAsync();

        Assert.Equal(ScriptOutcome.Success, await run);
        var lines = _harness.Log.Lines.Select(line => line.Message).ToList();
        Assert.Equal("evt CREATE /new.txt true", lines[1]);
        Assert.Single(_harness.Log.Threads.Distinct());
    }

    [Fact]
    public async Task InclusionFilter_and_ExclusionFilter_pick_the_file_names()
    {
        var run = Start("var w = new FsWatcher(dir); w.InclusionFilter = [\"*.csv\", \"*.txt\"]; w.ExclusionFilter = \"skip*\";\n" + Canonical);
        await _harness.Log.WaitForAsync(line => line == "ready");

        _temp.File("a.log", "x");
        _temp.File("skip.csv", "x");
        _temp.File("b.CSV", "x");
        await _harness.Log.WaitForAsync(line => line.StartsWith("evt CREATE /b.CSV"));
        await Task.Delay(200);
        await _halt.CancelAsync();
        await run;

        Assert.DoesNotContain(_harness.Log.Messages, line => line.Contains("a.log") || line.Contains("skip.csv"));
    }

    [Fact]
    public async Task Recursive_watching_is_off_unless_asked_for()
    {
        _temp.Folder("sub");
        var run = Start("var w = new FsWatcher(); w.WatchDir(dir, true);\n" + Canonical);
        await _harness.Log.WaitForAsync(line => line == "ready");

        _temp.File("sub/deep.txt", "x");
        await _harness.Log.WaitForAsync(line => line.StartsWith("evt CREATE /sub/deep.txt"));
        await _halt.CancelAsync();

        Assert.Equal(ScriptOutcome.Success, await run);
    }

    [Fact]
    public async Task A_non_recursive_watcher_ignores_sub_folders()
    {
        _temp.Folder("sub");
        var run = Start("var w = new FsWatcher(dir);\n" + Canonical);
        await _harness.Log.WaitForAsync(line => line == "ready");

        _temp.File("sub/deep.txt", "x");
        _temp.File("top.txt", "x");
        await _harness.Log.WaitForAsync(line => line.StartsWith("evt CREATE /top.txt"));
        await _halt.CancelAsync();
        await run;

        Assert.DoesNotContain(_harness.Log.Messages, line => line.Contains("deep.txt"));
    }

    [Fact]
    public async Task DelayBySeconds_merges_repeated_events_for_the_same_file()
    {
        var run = Start("var w = new FsWatcher(dir); w.DelayBySeconds = 0.4;\n" + Canonical);
        await _harness.Log.WaitForAsync(line => line == "ready");

        for (var i = 0; i < 5; i++)
        {
            await File.AppendAllTextAsync(Path.Join(_temp.Path, "busy.txt"), "chunk");
            await Task.Delay(30);
        }

        await _harness.Log.WaitForAsync(line => line.StartsWith("evt WRITE /busy.txt"));
        await Task.Delay(600);
        await _halt.CancelAsync();
        await run;

        Assert.Equal(["evt CREATE /busy.txt true", "evt WRITE /busy.txt true"], _harness.Log.Messages.Where(line => line.StartsWith("evt")));
    }

    [Fact]
    public async Task No_callback_runs_after_Stop_even_for_events_already_queued()
    {
        var run = Start("""
            var w = new FsWatcher(dir);
            w.Start(function (evt) { Log("evt " + evt.Event); });
            Log("ready");
            var until = Date.now() + 700; while (Date.now() < until) { }
            w.Stop();
            Log("stopped");
            Sleep(300);
            """);
        await _harness.Log.WaitForAsync(line => line == "ready");
        _temp.File("queued.txt", "x");
        await _harness.Log.WaitForAsync(line => line == "stopped");
        _temp.File("late.txt", "x");

        Assert.Equal(ScriptOutcome.Success, await run);
        Assert.Equal(["ready", "stopped"], _harness.Log.Messages);
    }

    [Fact]
    public void Start_without_a_callback_does_nothing()
    {
        Assert.Equal(["ok"], _harness.RunLogged($"var w = new FsWatcher({Quote(_temp.Path)}); w.Start(); w.Stop(); Log(\"ok\");"));
    }

    [Fact]
    public void Start_on_a_missing_folder_is_an_error()
    {
        var missing = Path.Join(_temp.Path, "missing");

        var outcome = _harness.Run($"new FsWatcher({Quote(missing)}).Start(function () {{}});");

        Assert.Equal($"uncaught error: FsWatcher.Start: the folder '{missing}' does not exist (line 1, column 1)", outcome.Error);
    }

    [Fact]
    public async Task An_error_in_the_callback_fails_the_run_where_it_waits()
    {
        var run = Start("var w = new FsWatcher(dir);\nw.Start(function (evt) { throw new Error(\"bad callback\"); });\nLog(\"ready\");\nWaitForHaltSignal();");
        await _harness.Log.WaitForAsync(line => line == "ready");

        _temp.File("x.txt", "x");
        var outcome = await run;

        Assert.Equal(ScriptOutcomeKind.Failed, outcome.Kind);
        Assert.StartsWith("uncaught error: bad callback", outcome.Error);
    }
}
