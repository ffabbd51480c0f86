using System.Net;
using Aft.Api;
using Aft.Grains;
using Aft.Grains.Jobs;
using Aft.Grains.Security;
using Aft.Grains.Storage;
using Aft.Grains.Storage.Orleans;
using Aft.Grains.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aft.Silo;

/// <summary>
/// Composes one AFT node: the Orleans silo, the embedded store in the data dir and the REST API in the same
/// process. <c>aft serve</c> and the tests build the node through here.
/// </summary>
public static class AftServer
{
    /// <param name="args">Command-line configuration (<c>--Aft:Server:Port=…</c> style).</param>
    /// <param name="overrides">Settings that win over files and environment (the CLI's own flags).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        ThreadPoolSizing.Apply();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var configuration = builder.Configuration;
        var dataDirectory = new DataDirectory(configuration["Aft:DataDir"] is { Length: > 0 } dir ? dir : DataDirectory.DefaultPath());
        var server = configuration.GetSection("Aft:Server").Get<AftServerOptions>() ?? new AftServerOptions();
        var cluster = configuration.GetSection("Aft:Orleans").Get<AftClusterOptions>() ?? new AftClusterOptions();

        builder.Services.AddSingleton(DataDirectoryLock.Acquire(dataDirectory));
        builder.Services.AddAftStores(dataDirectory, configuration);
        builder.Services.AddAftEngine(configuration);
        builder.Services.AddAftApi();
        LocalSocket.Listen(builder, dataDirectory);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = ApiServiceCollectionExtensions.MaxRequestBodyBytes;
            var address = server.Bind is "*" or "0.0.0.0" ? IPAddress.Any : IPAddress.Parse(server.Bind);
            kestrel.Listen(address, server.Port, listen =>
            {
                if (server.Https)
                {
                    listen.UseHttps(TlsCertificates.Load(server, dataDirectory));
                }
            });
        });

        builder.Services.AddSingleton(server);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: cluster.SiloPort, gatewayPort: 0, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            silo.AddAftGrainStorage();
        });

        var app = builder.Build();
        app.MapAftApi();
        return app;
    }

    /// <summary>Runs the node until it is stopped (Ctrl-C, SIGTERM).</summary>
    public static async Task RunAsync(WebApplication app, TextWriter output)
    {
        await StartAsync(app, output);
        await app.WaitForShutdownAsync();
    }

    /// <summary>Starts the node; on its first start, creates and prints the initial admin key.</summary>
    public static async Task StartAsync(WebApplication app, TextWriter output)
    {
        await app.StartAsync();
        await InitialAdminKey.EnsureAsync(app.Services.GetRequiredService<ApiKeyStore>(), app.Services.GetRequiredService<DataDirectory>(), output);
        var server = app.Services.GetRequiredService<AftServerOptions>();
        var scheme = server.Https ? "https" : "http";
        await output.WriteLineAsync($"AFT is listening on {scheme}://{server.Bind}:{server.Port} (data dir {app.Services.GetRequiredService<DataDirectory>().Path})");
    }
}
