using System.CommandLine;
using Aft.Cli.Admin;
using Aft.Cli.Output;
using Aft.Grains.Security;

namespace Aft.Cli.Commands;

/// <summary><c>aft apikeys create|list|limits|revoke</c>: the keys of the REST API and <c>aft start</c>.</summary>
public static class ApiKeysCommand
{
    public static Command Create() => new("apikeys", "Manage API keys.\n\nExample:\n  aft apikeys create --name ci --scope jobs:run")
    {
        CreateKey(), List(), Limits(), Revoke(),
    };

    private static Command CreateKey()
    {
        var name = new Option<string>("--name") { Description = "What the key is for", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = $"What it may do ({string.Join(", ", ApiKeyScopes.All)}); repeat for several", Required = true, AllowMultipleArgumentsPerToken = false };
        scopes.AcceptOnlyFromAmong([.. ApiKeyScopes.All]);
        var allow = new Option<string[]>("--allow") { Description = "An IP address or CIDR range it may be used from; repeat for several (default: loopback only)" };
        var limits = new RateLimitOptions();
        var json = CommonOptions.Json();
        var command = new Command("create", """
            Create an API key and print it. The key is shown this once only; store it now.
            Rate limits left out take the service's defaults (Aft:RateLimits).

            Example:
              aft apikeys create --name ci --scope jobs:run --scope jobs:read --allow 10.0.0.0/8 --submits-per-second 50
            """)
        {
            name, scopes, allow, json,
        };
        limits.AddTo(command);
        command.SetAdminAction(async (parse, admin) =>
        {
            var allowed = parse.GetValue(allow) is { Length: > 0 } ranges ? ranges : null;
            var created = await admin.CreateApiKeyAsync(parse.GetValue(name)!, parse.GetValue(scopes)!, allowed, limits.Apply(parse, ApiKeyLimits.None));
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

    private static Command Limits()
    {
        var id = new Argument<string>("id") { Description = "The key's id (see 'aft apikeys list')" };
        var reset = new Option<bool>("--reset") { Description = "Return every limit not given here to the service's default" };
        var limits = new RateLimitOptions();
        var json = CommonOptions.Json();
        var command = new Command("limits", """
            Set an API key's rate limits (per node: see docs/operations.md, Rate limits). Limits not given stay as they are.

            Example:
              aft apikeys limits 0196f2c3a1b47c0e9d5a3b2c1d0e9f8a --submits-per-second 50 --submit-burst 200
            """)
        {
            id, reset, json,
        };
        limits.AddTo(command);
        command.SetAdminAction(async (parse, admin) =>
        {
            var keyId = parse.GetValue(id)!;
            var current = parse.GetValue(reset) ? ApiKeyLimits.None
                : (await admin.ListApiKeysAsync()).FirstOrDefault(key => key.Id == keyId) is { } key
                    ? new ApiKeyLimits(key.SubmitsPerSecond, key.SubmitBurst, key.ReadsPerSecond, key.ReadBurst)
                    : throw new CliException($"no API key with id '{keyId}'");
            var updated = await admin.SetApiKeyLimitsAsync(keyId, limits.Apply(parse, current));
            if (parse.GetValue(json))
            {
                Printer.Json(updated);
            }
            else
            {
                Console.Error.WriteLine($"API key {updated.Id}: {Describe(updated.SubmitsPerSecond, updated.SubmitBurst)} submissions, {Describe(updated.ReadsPerSecond, updated.ReadBurst)} reads.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(int? perSecond, int? burst) =>
        $"{perSecond?.ToString() ?? "default"}/s (burst {burst?.ToString() ?? "default"})";

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

    /// <summary>The four rate-limit options of <c>create</c> and <c>limits</c>, each a whole number from 1 to <see cref="ApiKeyLimits.Max"/>.</summary>
    private sealed class RateLimitOptions
    {
        private readonly Option<int?> _submitsPerSecond = Limit("--submits-per-second", "Job submissions per second, per node");
        private readonly Option<int?> _submitBurst = Limit("--submit-burst", "Submissions at once after a pause");
        private readonly Option<int?> _readsPerSecond = Limit("--reads-per-second", "Reads (GET requests) per second, per node");
        private readonly Option<int?> _readBurst = Limit("--read-burst", "Reads at once after a pause");

        public void AddTo(Command command)
        {
            command.Options.Add(_submitsPerSecond);
            command.Options.Add(_submitBurst);
            command.Options.Add(_readsPerSecond);
            command.Options.Add(_readBurst);
        }

        /// <summary><paramref name="current"/> with the limits given on the command line.</summary>
        public ApiKeyLimits Apply(ParseResult parse, ApiKeyLimits current) => new(
            parse.GetValue(_submitsPerSecond) ?? current.SubmitsPerSecond,
            parse.GetValue(_submitBurst) ?? current.SubmitBurst,
            parse.GetValue(_readsPerSecond) ?? current.ReadsPerSecond,
            parse.GetValue(_readBurst) ?? current.ReadBurst);

        private static Option<int?> Limit(string name, string description)
        {
            var option = new Option<int?>(name) { Description = $"{description} (1 to {ApiKeyLimits.Max})" };
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int?>() is < 1 or > ApiKeyLimits.Max)
                {
                    result.AddError($"{name} must be a whole number from 1 to {ApiKeyLimits.Max}");
                }
            });
            return option;
        }
    }
}
