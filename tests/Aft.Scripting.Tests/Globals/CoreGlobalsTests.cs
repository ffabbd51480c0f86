namespace Aft.Scripting.Tests.Globals;

public sealed class CoreGlobalsTests : IDisposable
{
    private readonly ScriptHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Params_and_Param_read_object_parameters_and_missing_names_are_falsy()
    {
        var outcome = _harness.Run("""
            Log(Params("job_id")); Log(Param("character")); Log(Params("n") + 1);
            if (!Params("missing")) { Log("missing is falsy"); }
            """, """{"job_id":"abc-123","character":"goofy","n":41}""");

        Assert.Equal(ScriptOutcomeKind.Succeeded, outcome.Kind);
        Assert.Equal(["abc-123", "goofy", "42", "missing is falsy"], _harness.Log.Messages);
    }

    [Fact]
    public void GetSecret_returns_the_value_or_an_empty_string()
    {
        _harness.Secrets["orch-api-token"] = "t0ken";
        _harness.Run("""Log(GetSecret("orch-api-token").length); Log("[" + GetSecret("nope") + "]");""");

        Assert.Equal(["5", "[]"], _harness.Log.Messages);
    }

    [Fact]
    public void Log_levels_are_recorded_and_objects_are_written_as_json()
    {
        _harness.Run("""Log.Debug("d"); Log.Info("i"); Log.Warn("w"); Log.Error("e"); Log({a:1});""");

        Assert.Equal(
            [(ScriptLogLevel.Debug, "d"), (ScriptLogLevel.Info, "i"), (ScriptLogLevel.Warn, "w"), (ScriptLogLevel.Error, "e"), (ScriptLogLevel.Info, """{"a":1}""")],
            _harness.Log.Lines);
    }

    [Fact]
    public void Exit_zero_is_success_and_stops_the_script()
    {
        var outcome = _harness.Run("""Log("before"); Exit(0); Log("after");""");

        Assert.Equal(ScriptOutcome.Success, outcome);
        Assert.Equal(["before"], _harness.Log.Messages);
    }

    [Fact]
    public void Exit_non_zero_fails_with_that_code_even_inside_try_catch()
    {
        var outcome = _harness.Run("""try { Exit(3); } catch (e) { Log("caught"); }""");

        Assert.Equal(ScriptOutcomeKind.Failed, outcome.Kind);
        Assert.Equal(3, outcome.ExitCode);
        Assert.Empty(_harness.Log.Messages);
    }

    [Fact]
    public void An_uncaught_error_fails_with_exit_code_1_and_names_the_line()
    {
        var outcome = _harness.Run("var a = 1;\nvar b = 2;\nthrow new Error(\"boom\");");

        Assert.Equal(ScriptOutcomeKind.Failed, outcome.Kind);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("boom", outcome.Error);
        Assert.Contains("line 3", outcome.Error);
        Assert.Contains(_harness.Log.Lines, line => line.Level == ScriptLogLevel.Error && line.Message.Contains("line 3"));
    }

    [Fact]
    public void A_syntax_error_fails_and_names_the_line()
    {
        var outcome = _harness.Run("var ok = 1;\nvar = ;");

        Assert.Equal(ScriptOutcomeKind.Failed, outcome.Kind);
        Assert.Contains("line 2", outcome.Error);
    }

    [Fact]
    public void Standard_JSON_is_available()
    {
        _harness.Run("""var o = JSON.parse('{"x":[1,2]}'); Log(JSON.stringify({y: o.x.length}));""");

        Assert.Equal(["""{"y":2}"""], _harness.Log.Messages);
    }

    [Fact]
    public void The_timeout_stops_a_busy_script()
    {
        var outcome = _harness.Run("while (true) {}", timeout: TimeSpan.FromMilliseconds(200));

        Assert.Equal(ScriptOutcomeKind.TimedOut, outcome.Kind);
        Assert.Equal(1, outcome.ExitCode);
    }

    [Fact]
    public void The_timeout_interrupts_Sleep()
    {
        var outcome = _harness.Run("Sleep(60000);", timeout: TimeSpan.FromMilliseconds(200));

        Assert.Equal(ScriptOutcomeKind.TimedOut, outcome.Kind);
    }

    [Fact]
    public void WaitForHaltSignal_returns_when_the_halt_is_raised_and_the_script_can_finish()
    {
        using var halt = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var outcome = _harness.Run("""
            Log(HaltSignalReceived()); WaitForHaltSignal(); Log(HaltSignalReceived());
            """, halt: halt.Token);

        Assert.Equal(ScriptOutcomeKind.Succeeded, outcome.Kind);
        Assert.Equal(["false", "true"], _harness.Log.Messages);
    }

    [Fact]
    public void The_halt_signal_ends_Sleep_at_once_and_the_script_sees_it()
    {
        using var halt = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcome = _harness.Run("""
            Sleep(60000); Log(HaltSignalReceived()); Sleep(60000); Log("again");
            """, halt: halt.Token);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Sleep ran on for {watch.Elapsed} after the halt");
        Assert.Equal(ScriptOutcomeKind.Succeeded, outcome.Kind);
        Assert.Equal(["true", "again"], _harness.Log.Messages);
    }

    [Fact]
    public void Stop_ends_a_script_that_ignores_the_halt()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        var outcome = _harness.Run("while (true) { Sleep(10); }", stop: stop.Token);

        Assert.Equal(ScriptOutcomeKind.Cancelled, outcome.Kind);
    }

    [Fact]
    public void Scripts_reach_no_dotnet_types()
    {
        var outcome = _harness.Run("""Log(typeof System); Log(typeof importNamespace);""");

        Assert.Equal(ScriptOutcomeKind.Succeeded, outcome.Kind);
        Assert.Equal(["undefined", "undefined"], _harness.Log.Messages);
    }
}
