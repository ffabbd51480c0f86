using System.CommandLine;
using System.Text.Json;
using Aft.Api.Schedules;
using Aft.Cli.Client;
using Aft.Cli.Output;
using Aft.Grains.Schedules;

namespace Aft.Cli.Commands;

/// <summary><c>aft schedules add|list|show|update|rm|pause|resume</c>: scripts the service runs by a cron expression.</summary>
public static class SchedulesCommand
{
    public static Command Create() => new("schedules", """
        Manage schedules: stored scripts the running service starts by a cron expression (needs an admin API key).

        Example:
          aft schedules add nightly --script backup --cron "30 2 * * *" --tz Europe/Berlin -a KEY
        """)
    {
        Add(), List(), Show(), Update(), Remove(), Enabled("pause", false), Enabled("resume", true),
    };

    private static Command Add()
    {
        var name = NameArgument("The new schedule's name");
        var fields = new Fields(required: true);
        var command = new Command("add", """
            Add a schedule. The cron expression has 5 fields (minute hour day month weekday), or 6 with seconds first;
            it is read in --tz (an IANA zone, default UTC).

            Examples:
              aft schedules add nightly --script backup --cron "30 2 * * *" --tz Europe/Berlin -a KEY
              aft schedules add poll --script fetch --cron "*/15 * * * * *" --overlap skip --params '{"dir":"in"}' -a KEY
            """)
        {
            name,
        };
        fields.AddTo(command);
        var service = new ServiceOptions(command);
        command.SetAction(async parse =>
        {
            await using var client = service.Connect(parse);
            var body = fields.Read(parse);
            body["name"] = parse.GetValue(name)!;
            Print(parse, fields.Json, await client.AddScheduleAsync(body));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Update()
    {
        var name = NameArgument("The schedule's name or id");
        var rename = new Option<string?>("--name") { Description = "A new name" };
        var fields = new Fields(required: false);
        var command = new Command("update", """
            Change a schedule: what is given changes, the rest stays. A new --cron or --tz fires from its next occurrence.

            Example:
              aft schedules update nightly --cron "0 3 * * *" --catch-up one -a KEY
            """)
        {
            name, rename,
        };
        fields.AddTo(command);
        var service = new ServiceOptions(command);
        command.SetAction(async parse =>
        {
            await using var client = service.Connect(parse);
            var body = fields.Read(parse);
            if (parse.GetValue(rename) is { } newName)
            {
                body["name"] = newName;
            }

            if (body.Count == 0)
            {
                throw CliException.Usage("nothing to change: give at least one of --name, --script, --cron, --tz, --params, --overlap, --catch-up, --disabled");
            }

            Print(parse, fields.Json, await client.UpdateScheduleAsync(parse.GetValue(name)!, body));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the schedules with their next and last run.\n\nExample:\n  aft schedules list -a KEY") { json };
        var service = new ServiceOptions(command);
        command.SetAction(async parse =>
        {
            await using var client = service.Connect(parse);
            var schedules = await client.ListSchedulesAsync();
            if (parse.GetValue(json))
            {
                Printer.Json(schedules);
            }
            else
            {
                Printer.Table(["NAME", "CRON", "TZ", "SCRIPT", "ENABLED", "NEXT RUN", "LAST RUN", "LAST JOB"], schedules.Select(s => (IReadOnlyList<string>)
                    [s.Name, s.Cron, s.TimeZone, s.ScriptName ?? s.ScriptId, s.Enabled ? "yes" : "no", Printer.Time(s.NextRunAt), Printer.Time(s.LastRunAt), s.LastJobStatus ?? "-"]));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var name = NameArgument("The schedule's name or id");
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a schedule, with its next five occurrences.\n\nExample:\n  aft schedules show nightly -a KEY") { name, json };
        var service = new ServiceOptions(command);
        command.SetAction(async parse =>
        {
            await using var client = service.Connect(parse);
            Print(parse, json, await client.GetScheduleAsync(parse.GetValue(name)!));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = NameArgument("The schedule's name or id");
        var command = new Command("rm", "Delete a schedule (its jobs stay).\n\nExample:\n  aft schedules rm nightly -a KEY") { name };
        var service = new ServiceOptions(command);
        command.SetAction(async parse =>
        {
            await using var client = service.Connect(parse);
            await client.RemoveScheduleAsync(parse.GetValue(name)!);
            Console.Error.WriteLine($"Schedule '{parse.GetValue(name)}' deleted.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Enabled(string verb, bool enabled)
    {
        var name = NameArgument("The schedule's name or id");
        var json = CommonOptions.Json();
        var command = new Command(verb, enabled
            ? "Resume a paused schedule: it fires from its next occurrence on (missed ones are not caught up).\n\nExample:\n  aft schedules resume nightly -a KEY"
            : "Pause a schedule: it fires no more until resumed.\n\nExample:\n  aft schedules pause nightly -a KEY")
        {
            name, json,
        };
        var service = new ServiceOptions(command);
        command.SetAction(async parse =>
        {
            await using var client = service.Connect(parse);
            Print(parse, json, await client.SetScheduleEnabledAsync(parse.GetValue(name)!, enabled));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Argument<string> NameArgument(string description) => new("name") { Description = description };

    private static void Print(ParseResult parse, Option<bool> json, ScheduleResponse schedule)
    {
        if (parse.GetValue(json))
        {
            Printer.Json(schedule);
            return;
        }

        Printer.Fields(
            ("Schedule", $"{schedule.Name} ({schedule.Id})"),
            ("Script", schedule.ScriptName ?? $"{schedule.ScriptId} (deleted)"),
            ("Cron", $"{schedule.Cron} ({schedule.TimeZone})"),
            ("Enabled", schedule.Enabled ? "yes" : "no"),
            ("Overlap", schedule.Overlap),
            ("Catch-up", schedule.CatchUp),
            ("Params", schedule.Params.GetRawText()),
            ("Next run", Printer.Time(schedule.NextRunAt)),
            ("Next", string.Join(", ", schedule.NextOccurrences.Select(at => Printer.Time(at)))),
            ("Last run", Printer.Time(schedule.LastRunAt)),
            ("Last job", schedule.LastJobId is { } job ? $"{job} ({schedule.LastJobStatus ?? "purged"})" : "-"));
    }

    /// <summary>The options <c>add</c> and <c>update</c> share; <c>add</c> requires the script and the expression.</summary>
    private sealed class Fields(bool required)
    {
        private readonly Option<string> _script = new("--script", "-s") { Description = "The stored script to run, by name", Required = required };
        private readonly Option<string> _cron = new("--cron") { Description = "5 fields (minute hour day month weekday), or 6 with seconds first", Required = required };
        private readonly Option<string?> _timeZone = new("--tz") { Description = "An IANA time zone such as Europe/Berlin (default UTC)" };
        private readonly Option<string?> _params = CommonOptions.Params();
        private readonly Option<string?> _overlap = new("--overlap") { Description = "While the last job runs: skip (default), queue or allow" };
        private readonly Option<string?> _catchUp = new("--catch-up") { Description = "Occurrences missed while down: none (default), one or all" };
        private readonly Option<bool> _disabled = new("--disabled") { Description = "Store the schedule paused" };

        public Option<bool> Json { get; } = CommonOptions.Json();

        public void AddTo(Command command)
        {
            _overlap.AcceptOnlyFromAmong([.. ScheduleModeNames.Names<ScheduleOverlap>()]);
            _catchUp.AcceptOnlyFromAmong([.. ScheduleModeNames.Names<ScheduleCatchUp>()]);
            foreach (var option in new Option[] { _script, _cron, _timeZone, _params, _overlap, _catchUp, _disabled, Json })
            {
                command.Options.Add(option);
            }
        }

        /// <summary>The body fields of the options given.</summary>
        public Dictionary<string, object> Read(ParseResult parse)
        {
            var body = new Dictionary<string, object>();
            Set(body, "scriptName", parse.GetValue(_script));
            Set(body, "cron", parse.GetValue(_cron));
            Set(body, "timeZone", parse.GetValue(_timeZone));
            Set(body, "overlap", parse.GetValue(_overlap));
            Set(body, "catchUp", parse.GetValue(_catchUp));
            if (parse.GetValue(_params) is { } parameters)
            {
                body["params"] = JsonDocument.Parse(JobParameters.ToObjectJson(parameters)).RootElement;
            }

            if (parse.GetValue(_disabled))
            {
                body["enabled"] = false;
            }

            return body;
        }

        private static void Set(Dictionary<string, object> body, string field, string? value)
        {
            if (value is not null)
            {
                body[field] = value;
            }
        }
    }
}
