using Aft.Scripting;

namespace Aft.Grains.Jobs;

/// <summary>A script's log for one attempt, capped at <see cref="JobsOptions.MaxLogLinesPerAttempt"/> lines.</summary>
internal sealed class JobLogWriter(JobLogStore store, string jobId, int attempt, int maxLines) : IScriptLog
{
    private int _written;

    public void Write(ScriptLogLevel level, string message)
    {
        var count = Interlocked.Increment(ref _written);
        if (count < maxLines)
        {
            store.Append(jobId, attempt, level, message);
        }
        else if (count == maxLines)
        {
            store.Append(jobId, attempt, ScriptLogLevel.Warn, $"log limit of {maxLines} lines reached; further lines of this attempt are dropped");
        }
    }
}
