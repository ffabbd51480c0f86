using System.CommandLine;
using Aft.Cli.Admin;
using Aft.Cli.Output;
using Aft.Grains.Settings;

namespace Aft.Cli.Commands;

/// <summary><c>aft settings get|set</c>: the settings an administrator changes at run time.</summary>
public static class SettingsCommand
{
    private const string AllowCliRun = "allow-cli-run";
    private const string AllowFilePathJobs = "allow-file-path-jobs";

    public static Command Create() => new("settings", "Show or change the service's settings.\n\nExample:\n  aft settings set allow-cli-run true")
    {
        Get(), Set(),
    };

    private static Command Get()
    {
        var json = CommonOptions.Json();
        var command = new Command("get", "Show the settings.\n\nExample:\n  aft settings get") { json };
        command.SetAdminAction(async (parse, admin) =>
        {
            Print(parse.GetValue(json), await admin.GetSettingsAsync());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Set()
    {
        var name = new Argument<string>("name") { Description = $"{AllowCliRun} or {AllowFilePathJobs}" };
        name.AcceptOnlyFromAmong(AllowCliRun, AllowFilePathJobs);
        var value = new Argument<bool>("value") { Description = "true or false" };
        var json = CommonOptions.Json();
        var command = new Command("set", $"""
            Change a setting.
              {AllowCliRun}         whether 'aft run' may run script files on this machine (default false)
              {AllowFilePathJobs}  whether POST /v1/jobs may name a script file on the server (default false)

            Example:
              aft settings set {AllowCliRun} true
            """)
        {
            name, value, json,
        };
        command.SetAdminAction(async (parse, admin) =>
        {
            var on = parse.GetValue(value);
            var updated = parse.GetValue(name) == AllowCliRun
                ? await admin.UpdateSettingsAsync(allowCliRun: on, allowFilePathJobs: null)
                : await admin.UpdateSettingsAsync(allowCliRun: null, allowFilePathJobs: on);
            Print(parse.GetValue(json), updated);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(bool json, AftSettings settings)
    {
        if (json)
        {
            Printer.Json(settings);
        }
        else
        {
            Printer.Fields((AllowCliRun, settings.AllowCliRun ? "true" : "false"), (AllowFilePathJobs, settings.AllowFilePathJobs ? "true" : "false"));
        }
    }
}
