using Aft.Cli.Output;
using Aft.Grains.Jobs;
using Aft.Scripting;

namespace Aft.Cli.Running;

/// <summary>An in-process script's log: each line goes to <paramref name="output"/> (stdout) as it is written, formatted like a job's log.</summary>
public sealed class ConsoleScriptLog(TextWriter output) : IScriptLog
{
    public void Write(ScriptLogLevel level, string message) =>
        output.WriteLine(Printer.LogLine(DateTimeOffset.Now, JobLogStore.Name(level), message));
}
