namespace Aft.Cli;

/// <summary>
/// A failure the user can act on. Its message is printed as one line on stderr (no stack trace) and says what
/// went wrong and how to fix it; the process exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
