using System.CommandLine;
using System.Globalization;
using Aft.Grains.Jobs;
using Aft.Cli.Output;

namespace Aft.Cli.Commands;

/// <summary><c>aft status ID</c>: shows a job; with <c>--wait</c>, once it has ended, and exits with its outcome.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("job-id") { Description = "The job's id (as 'aft start' printed it)" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the job has ended; exit 0 succeeded, 1 failed or timed out, 2 cancelled" };
        var json = CommonOptions.Json();
        var command = new Command("status", """
            Show a job's status.

            Examples:
              aft status 0196f2c3a1b47c0e9d5a3b2c1d0e9f8a -a KEY
              aft status 0196f2c3a1b47c0e9d5a3b2c1d0e9f8a -a KEY --wait --json
            """)
        {
            id, wait, json,
        };
        var service = new ServiceOptions(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var client = service.Connect(parse);
            var jobId = parse.GetValue(id)!;
            var job = parse.GetValue(wait) ? await client.WaitForJobAsync(jobId, cancellationToken) : await client.GetJobAsync(jobId);
            if (parse.GetValue(json))
            {
                Printer.Json(job);
            }
            else
            {
                Print(job);
            }

            return parse.GetValue(wait) ? ExitCodes.ForJob(job.Status) : ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(JobResponse job) => Printer.Fields(
        ("job", job.JobId),
        ("status", job.Status),
        ("script", Printer.ScriptOf(job)),
        ("source", job.Source),
        ("attempts", $"{job.Attempts} of {job.MaxAttempts}"),
        ("created", Printer.Time(job.CreatedAt)),
        ("started", job.StartedAt is null ? null : Printer.Time(job.StartedAt)),
        ("finished", job.FinishedAt is null ? null : Printer.Time(job.FinishedAt)),
        ("exit code", job.ExitCode?.ToString(CultureInfo.InvariantCulture)),
        ("progress", job.Progress is null ? null : ProgressText.Describe(job.Progress)),
        ("error", job.Error));
}
