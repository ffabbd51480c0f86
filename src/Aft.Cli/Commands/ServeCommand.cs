using System.CommandLine;
using Aft.Silo;

namespace Aft.Cli.Commands;

/// <summary><c>aft serve</c>: runs the service (REST API and job engine) on this machine.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var port = new Option<int?>("--port") { Description = $"The HTTPS port (default {AftServerOptions.DefaultPort})" };
        var bind = new Option<string?>("--bind") { Description = "The address to listen on (default 127.0.0.1)" };
        var command = new Command("serve", "Run the AFT service on its embedded store. Ctrl-C or SIGTERM stops it after running jobs finish (up to Aft:Jobs:ShutdownGracePeriod).\n\nExample:\n  aft serve --data-dir /var/lib/aft --port 44399")
        {
            dataDir, port, bind,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(dataDir) is { } dir)
            {
                overrides["Aft:DataDir"] = dir;
            }

            if (parse.GetValue(port) is { } portValue)
            {
                overrides["Aft:Server:Port"] = portValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(bind) is { } address)
            {
                overrides["Aft:Server:Bind"] = address;
            }

            try
            {
                // The host stops on Ctrl-C or SIGTERM; the silo's shutdown lets running jobs finish first.
                await using (var app = AftServer.Build([], overrides))
                {
                    await AftServer.RunAsync(app, Console.Out);
                }

                await Console.Out.WriteLineAsync("AFT stopped.");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is ServiceStartException or InvalidOperationException)
            {
                // A known cause (port taken, data dir in use, certificate or store unreadable) or bad configuration.
                throw new CliException(ex.Message);
            }
        });
        return command;
    }
}
