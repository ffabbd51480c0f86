using System.CommandLine;
using Aft.Cli.Client;
using Aft.Cli.Output;

namespace Aft.Cli.Commands;

/// <summary><c>aft start</c>: queues a stored script as a job on a running service and prints the job id.</summary>
public static class StartCommand
{
    public static Command Create()
    {
        var name = new Option<string?>("--name", "-n") { Description = "The script's name (matched case-insensitively)" };
        var scriptId = new Option<string?>("--scriptid", "-s") { Description = "The script's id" };
        var parameters = CommonOptions.Params();
        var wait = new Option<bool>("--wait") { Description = "Follow the job: its log on stderr, exit with its outcome (0 succeeded, 1 failed or timed out, 2 cancelled)" };
        var json = CommonOptions.Json();
        var command = new Command("start", """
            Queue a stored script as a job on a running AFT service and print the job id.

            Examples:
              aft start -n "My Backup Job" -a KEY
              aft start -n "My Backup Job" -a KEY --params '{"character":"goofy"}' --host 192.168.1.10:44399
              aft start --scriptid ID --apikey KEY --params '[{"name":"job_id","value":"abc-123"}]' --wait
            """)
        {
            name, scriptId, parameters, wait, json,
        };
        var service = new ServiceOptions(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (byName, byId) = (parse.GetValue(name), parse.GetValue(scriptId));
            if ((byName is null) == (byId is null))
            {
                throw CliException.Usage("name the script with exactly one of -n/--name NAME or -s/--scriptid ID");
            }

            var paramsJson = JobParameters.ToObjectJson(parse.GetValue(parameters));
            await using var client = service.Connect(parse);
            var job = await client.SubmitJobAsync(byId, byName, paramsJson);
            if (parse.GetValue(json))
            {
                Printer.Json(job);
            }
            else
            {
                Console.Out.WriteLine(job.JobId);
            }

            await Console.Out.FlushAsync(cancellationToken);
            return parse.GetValue(wait)
                ? await JobFollowing.FollowAsync(client, job.JobId, Console.Error, json: false, cancellationToken, showProgress: true)
                : ExitCodes.Ok;
        });
        return command;
    }
}
