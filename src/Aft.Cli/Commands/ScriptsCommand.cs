using System.CommandLine;
using System.Globalization;
using Aft.Api.Scripts;
using Aft.Cli.Admin;
using Aft.Cli.Output;

namespace Aft.Cli.Commands;

/// <summary><c>aft scripts add|update|list|show|rm</c>: the stored scripts.</summary>
public static class ScriptsCommand
{
    public static Command Create() => new("scripts", "Manage stored scripts (against the running service with an admin key, else the data dir).\n\nExample:\n  aft scripts add -n \"My Backup Job\" -f backup.syncjs")
    {
        Add(), Update(), List(), Show(), Remove(),
    };

    private static Command Add()
    {
        var name = new Option<string>("--name", "-n") { Description = "The script's name", Required = true };
        var file = new Option<string>("--file", "-f") { Description = "The .syncjs file with its code", Required = true };
        var description = new Option<string?>("--description") { Description = "What the script does" };
        var json = CommonOptions.Json();
        var command = new Command("add", """
            Store a script; prints its id.

            Example:
              aft scripts add -n "My Backup Job" -f backup.syncjs
            """)
        {
            name, file, description, json,
        };
        command.SetAdminAction(async (parse, admin) =>
        {
            var script = await admin.AddScriptAsync(parse.GetValue(name)!, ScriptFile.Read(parse.GetValue(file)!), parse.GetValue(description));
            Print(parse.GetValue(json), script, script.Id);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Update()
    {
        var script = ScriptArgument();
        var name = new Option<string?>("--name", "-n") { Description = "A new name" };
        var file = new Option<string?>("--file", "-f") { Description = "A .syncjs file with the new code" };
        var description = new Option<string?>("--description") { Description = "A new description" };
        var json = CommonOptions.Json();
        var command = new Command("update", """
            Store a new version of a script (what is not given stays); prints the new version number.

            Example:
              aft scripts update "My Backup Job" -f backup.syncjs
            """)
        {
            script, name, file, description, json,
        };
        command.SetAdminAction(async (parse, admin) =>
        {
            var current = await ResolveAsync(admin, parse.GetValue(script)!);
            var code = parse.GetValue(file) is { } path ? ScriptFile.Read(path) : null;
            var updated = await admin.UpdateScriptAsync(current.Id, parse.GetValue(name), code, parse.GetValue(description));
            Print(parse.GetValue(json), updated, updated.Version.ToString(CultureInfo.InvariantCulture));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the stored scripts.\n\nExample:\n  aft scripts list --json") { json };
        command.SetAdminAction(async (parse, admin) =>
        {
            var scripts = await admin.ListScriptsAsync();
            if (parse.GetValue(json))
            {
                Printer.Json(scripts);
            }
            else
            {
                Printer.Table(["ID", "NAME", "VERSION", "UPDATED"],
                    scripts.Select(s => (IReadOnlyList<string>)[s.Id, s.Name, s.Version.ToString(CultureInfo.InvariantCulture), Printer.Time(s.UpdatedAt)]));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var script = ScriptArgument();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a script and its code.\n\nExample:\n  aft scripts show \"My Backup Job\"") { script, json };
        command.SetAdminAction(async (parse, admin) =>
        {
            var found = await ResolveAsync(admin, parse.GetValue(script)!);
            if (parse.GetValue(json))
            {
                Printer.Json(found);
                return ExitCodes.Ok;
            }

            Printer.Fields(("id", found.Id), ("name", found.Name), ("version", found.Version.ToString(CultureInfo.InvariantCulture)),
                ("description", found.Description.Length > 0 ? found.Description : null), ("updated", Printer.Time(found.UpdatedAt)));
            Console.Out.WriteLine();
            Console.Out.WriteLine(found.Code);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var script = ScriptArgument();
        var command = new Command("rm", "Delete a script (jobs that ran it keep saying what they ran).\n\nExample:\n  aft scripts rm \"My Backup Job\"") { script };
        command.SetAdminAction(async (parse, admin) =>
        {
            var found = await ResolveAsync(admin, parse.GetValue(script)!);
            await admin.RemoveScriptAsync(found.Id);
            Console.Error.WriteLine($"Deleted script '{found.Name}' ({found.Id}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Argument<string> ScriptArgument() => new("script") { Description = "The script's id or name" };

    /// <summary>Finds a script by id, or else by name (case-insensitively, as job submission does).</summary>
    private static async Task<ScriptResponse> ResolveAsync(IAdminBackend admin, string idOrName)
    {
        var scripts = await admin.ListScriptsAsync();
        return scripts.FirstOrDefault(s => s.Id == idOrName)
            ?? scripts.FirstOrDefault(s => string.Equals(s.Name, idOrName.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException($"no script with id or name '{idOrName}'; 'aft scripts list' shows them");
    }

    private static void Print(bool json, ScriptResponse script, string plain)
    {
        if (json)
        {
            Printer.Json(script);
        }
        else
        {
            Console.Out.WriteLine(plain);
        }
    }
}
