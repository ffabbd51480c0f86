using System.CommandLine;
using System.CommandLine.Invocation;

namespace Aft.Cli.Commands;

/// <summary>The <c>aft</c> command tree, and how a command line is run: one clear stderr line per failure, documented exit codes.</summary>
public static class AftCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("""
            AFT: automated file transfer.

            Examples:
              aft serve
              aft start -n "My Backup Job" -a KEY
              aft run -f /opt/scripts/my-transfer.syncjs
            """);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(StartCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(LogsCommand.Create());
        root.Subcommands.Add(CancelCommand.Create());
        root.Subcommands.Add(JobsCommand.Create());
        root.Subcommands.Add(ScriptsCommand.Create());
        root.Subcommands.Add(SecretsCommand.Create());
        root.Subcommands.Add(VfsCommand.Create());
        root.Subcommands.Add(SchedulesCommand.Create());
        root.Subcommands.Add(ApiKeysCommand.Create());
        root.Subcommands.Add(SettingsCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(SvcCommand.Create());
        root.Subcommands.Add(ReinitCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            var command = string.Join(' ', parse.CommandResult.Command is RootCommand ? ["aft"] : Path(parse.CommandResult));
            // An unknown word is the likeliest mistake, and the parser may list another error first.
            var error = parse.UnmatchedTokens.Count > 0 ? $"unknown command or option '{parse.UnmatchedTokens[0]}'" : parse.Errors[0].Message;
            var message = string.Join(' ', error.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
            await Console.Error.WriteLineAsync($"aft: {message} (see '{command} --help')");
            return ExitCodes.Usage;
        }

        try
        {
            // Signals are left to each command: 'serve' stops its host gracefully, 'run' halts its script.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"aft: {ex.Message}");
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The data dir or a file cannot be used (permissions, disk, a database in use): the message says which.
            await Console.Error.WriteLineAsync($"aft: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (System.CommandLine.Parsing.SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is System.CommandLine.Parsing.CommandResult command)
            {
                names.Push(command.Command is RootCommand ? "aft" : command.Command.Name);
            }
        }

        return names;
    }
}
