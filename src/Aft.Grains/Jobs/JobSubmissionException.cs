namespace Aft.Grains.Jobs;

public enum JobSubmissionError
{
    UnknownScript,
    FilePathJobsDisabled,
    FileNotFound,
    IdempotencyKeyReused,
}

/// <summary>A submission that is well-formed but cannot be accepted; <see cref="Field"/> names the culprit.</summary>
public sealed class JobSubmissionException(JobSubmissionError error, string field, string message) : Exception(message)
{
    public JobSubmissionError Error { get; } = error;

    public string Field { get; } = field;
}
