using System.CommandLine;
using System.Text;
using Aft.Cli.Admin;
using Aft.Cli.Output;

namespace Aft.Cli.Commands;

/// <summary><c>aft secrets set|list|rm</c>: named secrets for <c>GetSecret</c>. Values go in, never come out.</summary>
public static class SecretsCommand
{
    public static Command Create() => new("secrets", "Manage the secrets scripts read with GetSecret (values are never shown).\n\nExample:\n  printf '%s' \"$TOKEN\" | aft secrets set orch-api-token")
    {
        Set(), List(), Remove(),
    };

    private static Command Set()
    {
        var name = NameArgument();
        var command = new Command("set", """
            Set a secret. The value is read from stdin when it is piped, else from a hidden prompt; never from an argument,
            which would leave it in the shell history and the process list.

            Examples:
              aft secrets set orch-api-token
              printf '%s' "$TOKEN" | aft secrets set orch-api-token
            """)
        {
            name,
        };
        command.SetAdminAction(async (parse, admin) =>
        {
            var secretName = parse.GetValue(name)!;
            await admin.SetSecretAsync(secretName, ReadValue(secretName));
            Console.Error.WriteLine($"Secret '{secretName}' set.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the secrets' names.\n\nExample:\n  aft secrets list") { json };
        command.SetAdminAction(async (parse, admin) =>
        {
            var secrets = await admin.ListSecretsAsync();
            if (parse.GetValue(json))
            {
                Printer.Json(secrets);
            }
            else
            {
                Printer.Table(["NAME", "UPDATED"], secrets.Select(s => (IReadOnlyList<string>)[s.Name, Printer.Time(s.UpdatedAt)]));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = NameArgument();
        var command = new Command("rm", "Delete a secret.\n\nExample:\n  aft secrets rm orch-api-token") { name };
        command.SetAdminAction(async (parse, admin) =>
        {
            await admin.RemoveSecretAsync(parse.GetValue(name)!);
            Console.Error.WriteLine($"Secret '{parse.GetValue(name)}' deleted.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The secret's name (letters, digits, '.', '_', '-')" };

    private static string ReadValue(string name)
    {
        string value;
        if (Console.IsInputRedirected)
        {
            // One trailing newline is how echo and here-strings end a value, not part of it.
            value = Console.In.ReadToEnd();
            value = value.EndsWith("\r\n", StringComparison.Ordinal) ? value[..^2] : value.EndsWith('\n') ? value[..^1] : value;
        }
        else
        {
            Console.Error.Write($"Value of secret '{name}' (not shown): ");
            var typed = new StringBuilder();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    typed.Length = Math.Max(0, typed.Length - 1);
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    typed.Append(key.KeyChar);
                }
            }

            Console.Error.WriteLine();
            value = typed.ToString();
        }

        return value.Length > 0 ? value : throw CliException.Usage("the secret's value is empty; pipe it in or type it at the prompt");
    }
}
