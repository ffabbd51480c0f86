using Aft.Grains.Jobs;
using Aft.Cli.Client;
using Aft.Cli.Output;

namespace Aft.Cli.Commands;

/// <summary>Following a job to its end (<c>start --wait</c>, <c>logs --follow</c>, delegated <c>aft run</c>).</summary>
public static class JobFollowing
{
    /// <summary>
    /// Streams the job's log lines to <paramref name="output"/> and returns the exit code for how it ended. With
    /// <paramref name="showProgress"/>, its transfer progress shows on stderr meanwhile (a bar on a terminal).
    /// </summary>
    public static async Task<int> FollowAsync(
        AftApiClient client, string jobId, TextWriter output, bool json, CancellationToken cancellationToken, bool showProgress = false)
    {
        await using var progress = showProgress ? new ProgressDisplay(async token => (await client.GetJobAsync(jobId, token)).Progress) : null;
        var writer = progress?.Wrap(output) ?? output;
        var job = await client.FollowLogAsync(jobId, line => writer.WriteLine(json ? Printer.JsonLine(line) : Printer.LogLine(line)), cancellationToken);
        await (progress?.DisposeAsync() ?? ValueTask.CompletedTask);
        ReportEnd(job);
        return ExitCodes.ForJob(job.Status);
    }

    /// <summary>Says on stderr how a job that did not succeed ended.</summary>
    public static void ReportEnd(JobResponse job)
    {
        if (job.Status != "succeeded")
        {
            Console.Error.WriteLine($"aft: job {job.JobId} {job.Status.Replace('_', ' ')}{(job.Error is { } error ? ": " + error : string.Empty)}");
        }
    }
}
