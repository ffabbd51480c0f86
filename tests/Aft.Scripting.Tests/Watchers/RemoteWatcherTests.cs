using Aft.Scripting.Tests.Vfs;
using Aft.Scripting.Vfs;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Scripting.Tests.Watchers;

/// <summary>RemoteWatcher polling a library disk VFS.</summary>
public sealed class RemoteWatcherTests : IDisposable
{
    private const string Watch = """
        var w = new RemoteWatcher("Inbox", "/drop");
        w.IntervalSeconds = 0.1;
        w.Start(function (evt) { Log("evt " + evt.Event + " " + evt.Object); });
        Log("ready");
        WaitForHaltSignal();
        w.Stop();
        """;

    private readonly TempDirectory _temp = new();
    private readonly ScriptHarness _harness;
    private readonly CancellationTokenSource _halt = new();

    public RemoteWatcherTests()
    {
        _temp.File("inbox/drop/existing.txt", "old");
        var catalog = new InMemoryVfsCatalog().AddDisk("Inbox", Path.Join(_temp.Path, "inbox"));
        _harness = new ScriptHarness(services => services.AddSingleton<IVfsCatalog>(catalog));
    }

    public void Dispose()
    {
        _halt.Dispose();
        _harness.Dispose();
        _temp.Dispose();
    }

    private async Task<ScriptOutcome> WatchWhile(Action change, string expected)
    {
        var run = Task.Run(() => _harness.Run(Watch, halt: _halt.Token, timeout: TimeSpan.FromSeconds(20)));
        await _harness.Log.WaitForAsync(line => line == "ready");
        change();
        await _harness.Log.WaitForAsync(line => line == expected);
        await _halt.CancelAsync();
        return await run;
    }

    [Fact]
    public async Task A_new_file_is_CREATE_with_its_vfs_path_and_existing_files_are_the_baseline()
    {
        var outcome = await WatchWhile(() => _temp.File("inbox/drop/new.txt", "x"), "evt CREATE /drop/new.txt");

        Assert.Equal(ScriptOutcome.Success, outcome);
        Assert.Equal(["ready", "evt CREATE /drop/new.txt"], _harness.Log.Messages);
    }

    [Fact]
    public async Task A_changed_file_is_WRITE()
    {
        var outcome = await WatchWhile(() => File.AppendAllText(Path.Join(_temp.Path, "inbox", "drop", "existing.txt"), " and more"), "evt WRITE /drop/existing.txt");

        Assert.Equal(ScriptOutcome.Success, outcome);
    }

    [Fact]
    public async Task A_removed_file_is_REMOVE()
    {
        var outcome = await WatchWhile(() => File.Delete(Path.Join(_temp.Path, "inbox", "drop", "existing.txt")), "evt REMOVE /drop/existing.txt");

        Assert.Equal(ScriptOutcome.Success, outcome);
    }

    [Fact]
    public void An_unknown_vfs_name_is_a_TypeError()
    {
        var outcome = _harness.Run("new RemoteWatcher(\"Nope\");");

        Assert.Equal("uncaught error: RemoteWatcher: there is no VFS named 'Nope' (line 1, column 1)", outcome.Error);
    }

    [Fact]
    public void The_interval_must_be_positive()
    {
        var outcome = _harness.Run("var w = new RemoteWatcher(\"Inbox\"); w.IntervalSeconds = 0; w.Start(function () {});");

        Assert.Equal("uncaught error: RemoteWatcher.Start: IntervalSeconds must be more than 0 (line 1, column 60)", outcome.Error);
    }
}
