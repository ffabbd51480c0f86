using System.CommandLine;
using Aft.Cli.Output;

namespace Aft.Cli.Commands;

/// <summary><c>aft cancel ID</c>: cancels a job (a queued job ends at once, a running script gets its halt signal).</summary>
public static class CancelCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("job-id") { Description = "The job's id" };
        var json = CommonOptions.Json();
        var command = new Command("cancel", """
            Cancel a job. A queued job ends at once; a running script gets its halt signal and is stopped after a grace period.

            Example:
              aft cancel 0196f2c3a1b47c0e9d5a3b2c1d0e9f8a -a KEY
            """)
        {
            id, json,
        };
        var service = new ServiceOptions(command);
        command.SetAction(async parse =>
        {
            await using var client = service.Connect(parse);
            var job = await client.CancelJobAsync(parse.GetValue(id)!);
            if (parse.GetValue(json))
            {
                Printer.Json(job);
            }
            else
            {
                Console.Out.WriteLine($"{job.JobId} {job.Status}{(job.CancelRequested && !Client.AftApiClient.IsTerminal(job.Status) ? " (cancelling)" : string.Empty)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
