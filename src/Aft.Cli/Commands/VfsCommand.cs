using System.CommandLine;
using System.Globalization;
using Aft.Api.Vfs;
using Aft.Cli.Admin;
using Aft.Cli.Output;
using Aft.Scripting.Vfs;

namespace Aft.Cli.Commands;

/// <summary><c>aft vfs add|update|list|show|rm|test</c>: the VFS Library that scripts open with <c>VirtualFSByName</c>.</summary>
public static class VfsCommand
{
    public static Command Create() => new("vfs", """
        Manage the VFS Library: named storages scripts open with VirtualFSByName("NAME") (against the running service
        with an admin key, else the data dir). Credentials are the names of secrets, never values.

        Example:
          aft vfs add -n archive --type disk --target /srv/archive
        """)
    {
        Add(), Update(), List(), Show(), Remove(), Test(),
    };

    private static Command Add() => Save("add", """
        Add a VFS to the library; fails when the name is taken (names are compared case-insensitively).

        Examples:
          aft vfs add -n archive --type disk --target /srv/archive
          aft vfs add -n partner --type disk --target /mnt/partner --option note=nightly --credential password=partner-password
        """, replace: false);

    private static Command Update() => Save("update", """
        Replace a VFS's definition: type, target, options and credentials all become what is given
        (options and credentials not given are dropped).

        Example:
          aft vfs update -n archive --type disk --target /srv/archive-2026
        """, replace: true);

    private static Command Save(string verb, string description, bool replace)
    {
        var name = new Option<string>("--name", "-n") { Description = "The VFS's name, as scripts pass it to VirtualFSByName", Required = true };
        var type = new Option<string>("--type") { Description = "The storage type (disk)", Required = true };
        var target = new Option<string>("--target") { Description = "Where the storage is (for disk: an absolute folder path on the service's machine)", Required = true };
        var options = new Option<string[]>("--option")
        {
            Description = "A backend setting as key=value; repeat for several",
            AllowMultipleArgumentsPerToken = false,
        };
        var credentials = new Option<string[]>("--credential")
        {
            Description = "A credential as field=secret-name: the NAME of a secret ('aft secrets set'), never the value; repeat for several",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = CommonOptions.Json();
        var command = new Command(verb, description)
        {
            name, type, target, options, credentials, json,
        };
        command.SetAdminAction(async (parse, admin) =>
        {
            var definition = new VfsDefinition(
                parse.GetValue(name)!, parse.GetValue(type)!, parse.GetValue(target)!,
                Pairs(parse.GetValue(options), "--option", "key=value", echo: true),
                Pairs(parse.GetValue(credentials), "--credential", "field=secret-name", echo: false));
            VfsResponse saved;
            if (replace)
            {
                // 'update' replaces what exists; a typo in the name must not quietly create a second entry.
                await admin.GetVfsAsync(definition.Name);
                saved = await admin.ReplaceVfsAsync(definition);
            }
            else
            {
                saved = await admin.AddVfsAsync(definition);
            }

            if (parse.GetValue(json))
            {
                Printer.Json(saved);
            }
            else
            {
                Console.Error.WriteLine($"VFS '{saved.Name}' {(replace ? "updated" : "added")} ({saved.Type}, {saved.Target}).");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the VFS Library.\n\nExample:\n  aft vfs list --json") { json };
        command.SetAdminAction(async (parse, admin) =>
        {
            var library = await admin.ListVfsAsync();
            if (parse.GetValue(json))
            {
                Printer.Json(library);
            }
            else
            {
                Printer.Table(["NAME", "TYPE", "TARGET", "UPDATED"],
                    library.Select(v => (IReadOnlyList<string>)[v.Name, v.Type, v.Target, Printer.Time(v.UpdatedAt)]));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var name = NameArgument();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a VFS's definition (credentials as the secret names they use).\n\nExample:\n  aft vfs show archive") { name, json };
        command.SetAdminAction(async (parse, admin) =>
        {
            var vfs = await admin.GetVfsAsync(parse.GetValue(name)!);
            if (parse.GetValue(json))
            {
                Printer.Json(vfs);
                return ExitCodes.Ok;
            }

            Printer.Fields(
                ("name", vfs.Name), ("type", vfs.Type), ("target", vfs.Target),
                ("options", Join(vfs.Options)), ("credentials", Join(vfs.Credentials)),
                ("created", Printer.Time(vfs.CreatedAt)), ("updated", Printer.Time(vfs.UpdatedAt)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = NameArgument();
        var command = new Command("rm", "Delete a VFS from the library (scripts that open it by name then fail).\n\nExample:\n  aft vfs rm archive") { name };
        command.SetAdminAction(async (parse, admin) =>
        {
            await admin.RemoveVfsAsync(parse.GetValue(name)!);
            Console.Error.WriteLine($"VFS '{parse.GetValue(name)}' deleted.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Test()
    {
        var name = NameArgument();
        var command = new Command("test", """
            Open a VFS with its credentials and list its root. Exits 0 when that works; otherwise prints why and exits 4.

            Example:
              aft vfs test archive
            """)
        {
            name,
        };
        command.SetAdminAction(async (parse, admin) =>
        {
            var result = await admin.TestVfsAsync(parse.GetValue(name)!);
            if (!result.Ok)
            {
                throw new CliException($"VFS '{result.Name}' does not work: {OneLine(result.Error ?? "no reason given")}");
            }

            var entries = result.Entries ?? 0;
            Console.Out.WriteLine($"VFS '{result.Name}' works: {entries.ToString(CultureInfo.InvariantCulture)} {(entries == 1 ? "entry" : "entries")} in its root.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The VFS's name (case-insensitive)" };

    /// <summary>
    /// Reads repeated <c>key=value</c> flags (split at the first '='). A malformed credential is not echoed: it may be
    /// the password itself, typed where its secret's name belongs.
    /// </summary>
    private static Dictionary<string, string> Pairs(string[]? values, string flag, string shape, bool echo)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var separator = value.IndexOf('=', StringComparison.Ordinal);
            var key = separator > 0 ? value[..separator].Trim() : string.Empty;
            if (key.Length == 0)
            {
                throw CliException.Usage(echo ? $"{flag} '{value}' is not {shape}" : $"a {flag} is not {shape}");
            }

            if (!pairs.TryAdd(key, value[(separator + 1)..]))
            {
                throw CliException.Usage($"{flag} '{key}' is given twice");
            }
        }

        return pairs;
    }

    private static string? Join(IReadOnlyDictionary<string, string> pairs) =>
        pairs.Count == 0 ? null : string.Join(", ", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
