using Aft.Scripting;

namespace Aft.Grains.Jobs;

/// <summary>One line of a job's log. <see cref="Id"/> increases with time and is the cursor to read on from.</summary>
public sealed record JobLogLine(long Id, DateTimeOffset At, ScriptLogLevel Level, int Attempt, string Message);
