using System.CommandLine;
using Aft.Cli.Admin;
using Aft.Cli.Output;
using Aft.Grains.Security;

namespace Aft.Cli.Commands;

/// <summary><c>aft apikeys create|list|revoke</c>: the keys of the REST API and <c>aft start</c>.</summary>
public static class ApiKeysCommand
{
    public static Command Create() => new("apikeys", "Manage API keys.\n\nExample:\n  aft apikeys create --name ci --scope jobs:run")
    {
        CreateKey(), List(), Revoke(),
    };

    private static Command CreateKey()
    {
        var name = new Option<string>("--name") { Description = "What the key is for", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = $"What it may do ({string.Join(", ", ApiKeyScopes.All)}); repeat for several", Required = true, AllowMultipleArgumentsPerToken = false };
        scopes.AcceptOnlyFromAmong([.. ApiKeyScopes.All]);
        var allow = new Option<string[]>("--allow") { Description = "An IP address or CIDR range it may be used from; repeat for several (default: loopback only)" };
        var json = CommonOptions.Json();
        var command = new Command("create", """
            Create an API key and print it. The key is shown this once only; store it now.

            Example:
              aft apikeys create --name ci --scope jobs:run --scope jobs:read --allow 10.0.0.0/8
            """)
        {
            name, scopes, allow, json,
        };
        command.SetAdminAction(async (parse, admin) =>
        {
            var allowed = parse.GetValue(allow) is { Length: > 0 } ranges ? ranges : null;
            var created = await admin.CreateApiKeyAsync(parse.GetValue(name)!, parse.GetValue(scopes)!, allowed);
            if (parse.GetValue(json))
            {
                Printer.Json(created);
            }
            else
            {
                Console.Error.WriteLine($"Created API key '{created.Name}' (id {created.Id}); it is shown only this once:");
                Console.Out.WriteLine(created.Key);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the API keys (never the keys themselves).\n\nExample:\n  aft apikeys list") { json };
        command.SetAdminAction(async (parse, admin) =>
        {
            var keys = await admin.ListApiKeysAsync();
            if (parse.GetValue(json))
            {
                Printer.Json(keys);
            }
            else
            {
                Printer.Table(["ID", "NAME", "PREFIX", "SCOPES", "ALLOWED", "CREATED"], keys.Select(k => (IReadOnlyList<string>)
                    [k.Id, k.Name, k.Prefix + "…", string.Join(',', k.Scopes), string.Join(',', k.AllowedIps), Printer.Time(k.CreatedAt)]));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("id") { Description = "The key's id (see 'aft apikeys list')" };
        var command = new Command("revoke", "Revoke an API key; it stops working at once.\n\nExample:\n  aft apikeys revoke 0196f2c3a1b47c0e9d5a3b2c1d0e9f8a") { id };
        command.SetAdminAction(async (parse, admin) =>
        {
            await admin.RevokeApiKeyAsync(parse.GetValue(id)!);
            Console.Error.WriteLine($"API key {parse.GetValue(id)} revoked.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
