using System.CommandLine;
using Aft.Cli.Output;
using Aft.Grains.Jobs;

namespace Aft.Cli.Commands;

/// <summary><c>aft jobs</c>: lists recent jobs, newest first.</summary>
public static class JobsCommand
{
    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = "Only jobs in this state" };
        status.AcceptOnlyFromAmong([.. JobStatusNames.AllNames]);
        var limit = new Option<int?>("--limit") { Description = "At most this many jobs (1 to 500, default 50)" };
        var json = CommonOptions.Json();
        var command = new Command("jobs", """
            List recent jobs, newest first.

            Examples:
              aft jobs -a KEY
              aft jobs -a KEY --status failed --limit 10 --json
            """)
        {
            status, limit, json,
        };
        var service = new ServiceOptions(command);
        command.SetAction(async parse =>
        {
            await using var client = service.Connect(parse);
            var page = await client.ListJobsAsync(parse.GetValue(status), parse.GetValue(limit));
            if (parse.GetValue(json))
            {
                Printer.Json(page);
            }
            else
            {
                Printer.Table(["JOB", "STATUS", "SOURCE", "SCRIPT", "CREATED"],
                    page.Items.Select(job => (IReadOnlyList<string>)[job.JobId, job.Status, job.Source, Printer.ScriptOf(job), Printer.Time(job.CreatedAt)]));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
