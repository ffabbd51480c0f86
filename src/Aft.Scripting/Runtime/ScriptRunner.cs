using Jint;
using Jint.Runtime;
using Microsoft.Extensions.Options;

namespace Aft.Scripting.Runtime;

/// <summary>
/// Runs one SyncJS script to its end on the calling thread. Each run gets its own engine (engines are not
/// thread-safe); the parsed script comes from <see cref="PreparedScriptCache"/>.
/// </summary>
public sealed class ScriptRunner(
    PreparedScriptCache cache,
    IEnumerable<IScriptModule> modules,
    IOptions<ScriptingOptions> options)
{
    private readonly IScriptModule[] _modules = [.. modules];

    /// <param name="request">What to run.</param>
    /// <param name="environment">The log, secrets and services the run sees.</param>
    /// <param name="halt">Raised when the script should finish (cancel, shutdown).</param>
    /// <param name="stop">Raised when the engine must stop now (cancel grace period over).</param>
    public ScriptOutcome Run(ScriptRunRequest request, ScriptEnvironment environment, CancellationToken halt, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource();
        if (request.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        using var stopOrTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        var limits = options.Value;
        using var engine = new Engine(o => o
            .LimitMemory(limits.MemoryLimitBytes)
            .LimitRecursion(limits.RecursionLimit)
            .CancellationToken(stopOrTimeout.Token));

        using var events = new ScriptEventLoop();
        var context = new ScriptContext(engine, request, environment, new ScriptSignals(halt, stopOrTimeout.Token, events));
        try
        {
            foreach (var module in _modules)
            {
                module.Install(context);
            }

            engine.Execute(cache.GetOrPrepare(request.Code, request.SourceName));
            return ScriptOutcome.Success;
        }
        catch (ScriptExitException exit) when (exit.ExitCode == 0)
        {
            return ScriptOutcome.Success;
        }
        catch (ScriptExitException exit)
        {
            return ScriptOutcome.Failure(exit.ExitCode, $"the script exited with code {exit.ExitCode}");
        }
        catch (Exception ex) when (ex is ExecutionCanceledException or OperationCanceledException)
        {
            return timeout.IsCancellationRequested && !stop.IsCancellationRequested
                ? new ScriptOutcome(ScriptOutcomeKind.TimedOut, 1, $"the script ran longer than its timeout of {request.Timeout}")
                : new ScriptOutcome(ScriptOutcomeKind.Cancelled, 1, "the job was cancelled");
        }
        catch (Exception ex)
        {
            var error = ScriptErrors.Describe(ex);
            environment.Log.Write(ScriptLogLevel.Error, error);
            return ScriptOutcome.Failure(1, error);
        }
        finally
        {
            context.ReleaseResources();
        }
    }
}
