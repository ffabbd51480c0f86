using System.CommandLine;
using Aft.Cli.Client;
using Aft.Cli.Running;
using Aft.Silo;

namespace Aft.Cli.Commands;

/// <summary>
/// <c>aft run -f FILE</c>: runs a .syncjs file to its end and exits 0 on success, 1 on failure. It runs inside the
/// service when one holds the data dir, else in this process. Needs the allowCliRun setting.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file", "-f") { Description = "The .syncjs file to run", Required = true };
        var parameters = CommonOptions.Params();
        var dataDir = CommonOptions.DataDir();
        var command = new Command("run", """
            Run a script file and wait for it; the script's log is printed as it is written.
            Exit code: 0 success, 1 failure (non-zero Exit, uncaught error, timeout), 2 cancelled.
            When 'aft serve' runs on the same data dir the script runs inside it as a job (source "cli");
            otherwise it runs in this process with the data dir's secrets. Needs the allow-cli-run setting.

            Examples:
              aft run -f /opt/scripts/my-transfer.syncjs
              aft run -f /opt/scripts/my-transfer.syncjs -p '{"destination":"/archive/2026"}'
            """)
        {
            file, parameters, dataDir,
        };
        command.SetAction(async parse =>
        {
            var filePath = Path.GetFullPath(parse.GetValue(file)!);
            var code = ScriptFile.Read(filePath);
            var paramsJson = JobParameters.ToObjectJson(parse.GetValue(parameters));
            var dataDirectory = CommonOptions.DataDirectory(parse, dataDir);
            return DataDirectoryLock.IsHeld(dataDirectory)
                ? await DelegatedRun.RunAsync(dataDirectory, filePath, code, paramsJson)
                : await InProcessRun.RunAsync(dataDirectory, filePath, code, paramsJson);
        });
        return command;
    }
}
