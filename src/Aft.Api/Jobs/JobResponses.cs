using System.Text.Json;
using Aft.Grains.Jobs;

namespace Aft.Api.Jobs;

public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, string? NextCursor);

public sealed record JobLogLineResponse(long Id, DateTimeOffset At, string Level, int Attempt, string Message)
{
    public static JobLogLineResponse From(JobLogLine line) =>
        new(line.Id, line.At, JobLogStore.Name(line.Level), line.Attempt, line.Message);
}

public sealed record JobLogResponse(string JobId, IReadOnlyList<JobLogLineResponse> Lines, long Cursor, bool JobEnded);

/// <summary>A page of jobs, newest first; <see cref="NextCursor"/> continues after it (null on the last page).</summary>
public sealed record JobListPage(IReadOnlyList<JobRecord> Jobs, string? NextCursor);
