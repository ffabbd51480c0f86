using System.CommandLine;
using Aft.Cli.Output;

namespace Aft.Cli.Commands;

/// <summary><c>aft logs ID</c>: prints a job's log; with <c>--follow</c>, streams it until the job ends.</summary>
public static class LogsCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("job-id") { Description = "The job's id" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing lines as they are written until the job ends, then exit with its outcome" };
        var json = CommonOptions.Json();
        var command = new Command("logs", """
            Print a job's log.

            Examples:
              aft logs 0196f2c3a1b47c0e9d5a3b2c1d0e9f8a -a KEY
              aft logs 0196f2c3a1b47c0e9d5a3b2c1d0e9f8a -a KEY --follow
            """)
        {
            id, follow, json,
        };
        var service = new ServiceOptions(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var client = service.Connect(parse);
            var jobId = parse.GetValue(id)!;
            var asJson = parse.GetValue(json);
            if (parse.GetValue(follow))
            {
                return await JobFollowing.FollowAsync(client, jobId, Console.Out, asJson, cancellationToken);
            }

            long cursor = 0;
            while (true)
            {
                var page = await client.GetLogAsync(jobId, cursor);
                foreach (var line in page.Lines)
                {
                    Console.Out.WriteLine(asJson ? Printer.JsonLine(line) : Printer.LogLine(line));
                }

                if (page.Lines.Count == 0)
                {
                    return ExitCodes.Ok;
                }

                cursor = page.Cursor;
            }
        });
        return command;
    }
}
