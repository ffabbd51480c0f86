using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Aft.Api;
using Aft.Api.Admin;
using Aft.Api.Security;
using Aft.Api.Telemetry;
using Aft.Grains;
using Aft.Grains.Jobs;
using Aft.Grains.Security;
using Aft.Grains.Storage;
using Aft.Grains.Storage.Orleans;
using Aft.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace Aft.Silo;

/// <summary>
/// Composes one AFT node: the Orleans silo, the embedded store in the data dir and the REST API in the same
/// process. <c>aft serve</c> and the tests build the node through here.
/// </summary>
public static class AftServer
{
    /// <summary>Time for the silo's own stop and for halted scripts to end, beyond the jobs' shutdown grace period.</summary>
    private static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(30);

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
        builder.Configuration.AddAftDefaults();
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var configuration = builder.Configuration;
        var dataDirectory = new DataDirectory(configuration["Aft:DataDir"] is { Length: > 0 } dir ? dir : DataDirectory.DefaultPath());
        var server = configuration.GetSection("Aft:Server").Get<AftServerOptions>() ?? new AftServerOptions();
        var cluster = configuration.GetSection("Aft:Cluster").Get<AftClusterOptions>() ?? new AftClusterOptions();
        var store = configuration.GetSection("Aft:Store").Get<StoreOptions>() ?? new StoreOptions();
        var address = ListenAddress(server.Bind);

        // Known causes of a failed start are checked before anything starts (here, and the stores in StartAsync), so
        // each is one line and not a host that half started and logs its way down.
        var dataDirectoryLock = DataDirectoryLock.Acquire(dataDirectory);
        try
        {
            TcpPorts.ThrowIfUnavailable(new IPEndPoint(address, server.Port), $"{(server.Https ? "https" : "http")}://{server.Bind}:{server.Port}", "pick another port with --port");
            ThrowIfInvalid(store, cluster, configuration);
            var clustered = store.Provider == StoreProvider.Postgres;
            var siloPort = cluster.SiloPort ?? (clustered ? AftClusterOptions.DefaultClusterSiloPort : TcpPorts.FreeLoopbackPort());
            if (cluster.SiloPort is not null || clustered)
            {
                var siloAddress = clustered ? IPAddress.Any : IPAddress.Loopback;
                TcpPorts.ThrowIfUnavailable(new IPEndPoint(siloAddress, siloPort), $"the silo port {siloAddress}:{siloPort} (Aft:Cluster:SiloPort)",
                    clustered ? "set a free one with Aft:Cluster:SiloPort" : "set a free one, or leave Aft:Cluster:SiloPort unset to have one picked");
            }

            var certificate = server.Https ? TlsCertificates.Load(server, dataDirectory) : null;

            builder.Services.AddSingleton(dataDirectoryLock);
            builder.Services.AddAftStores(dataDirectory, configuration);
            builder.Services.AddAftEngine(configuration);
            builder.Services.AddAftTrustedProxies(configuration);
            builder.Services.AddAftApi(configuration);
            builder.Services.AddAftUi(configuration);
            builder.Services.AddAftTelemetry(configuration);
            LocalSocket.Listen(builder, dataDirectory);

            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = ApiServiceCollectionExtensions.MaxRequestBodyBytes;
                kestrel.Listen(address, server.Port, listen =>
                {
                    if (certificate is not null)
                    {
                        listen.UseHttps(certificate);
                    }
                });
            });

            builder.Services.AddSingleton(server);
            var dashboard = configuration.GetSection("Aft:Dashboard").Get<AftDashboardOptions>() ?? new AftDashboardOptions();
            builder.UseOrleans(silo =>
            {
                silo.UseAftClustering(store, cluster, siloPort, configuration.GetSection("Aft:Cluster:Membership"));
                silo.AddAftGrainStorage();
                silo.AddActivityPropagation();
                if (dashboard.Enabled)
                {
                    silo.AddDashboard();
                }
            });

            // The job drain runs as the host begins to stop (JobLifecycle's StoppingAsync), while the API and the silo are
            // still up; the host waits for it and then for the silo's own stop.
            builder.Services.AddHostedService(sp => sp.GetRequiredService<JobLifecycle>());
            builder.Services.AddHostedService<SystemdNotifier>();
            var drain = (configuration.GetSection("Aft:Jobs").Get<JobsOptions>() ?? new JobsOptions()).ShutdownGracePeriod;
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = drain + ShutdownMargin);

            var app = builder.Build();
            // A node that stops in a process that goes on (tests; a host embedding AFT) frees its data dir for the next.
            app.Lifetime.ApplicationStopped.Register(dataDirectoryLock.Dispose);
            app.UseAftTrustedProxies();
            app.MapAftApi();
            app.MapAftUi();
            app.MapAftMetrics();
            app.MapAftDashboard(dashboard);
            return app;
        }
        catch
        {
            dataDirectoryLock.Dispose();
            throw;
        }
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
        await OpenStoresAsync(app.Services);
        await app.StartAsync();
        await InitialAdminKey.EnsureAsync(app.Services.GetRequiredService<ApiKeyStore>(), app.Services.GetRequiredService<DataDirectory>(), output);
        var server = app.Services.GetRequiredService<AftServerOptions>();
        var scheme = server.Https ? "https" : "http";
        await output.WriteLineAsync($"AFT is listening on {scheme}://{server.Bind}:{server.Port} (data dir {app.Services.GetRequiredService<DataDirectory>().Path})");
    }

    /// <summary>Configuration mistakes that would otherwise surface as a failure deep inside the start.</summary>
    private static void ThrowIfInvalid(StoreOptions store, AftClusterOptions cluster, IConfiguration configuration)
    {
        if (store.Provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(configuration["Aft:Secrets:Key"]))
        {
            throw new ServiceStartException("on PostgreSQL every silo must open the same secrets: set Aft:Secrets:Key (32 random bytes in Base64, e.g. from 'openssl rand -base64 32') to the same value on every silo");
        }

        if (store.Provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(store.ConnectionString))
        {
            throw new ServiceStartException("Aft:Store:Provider is Postgres but Aft:Store:ConnectionString is empty; set it (e.g. Aft__Store__ConnectionString=\"Host=db;Database=aft;Username=aft;Password=…\")");
        }

        if (cluster.AdvertisedAddress is { Length: > 0 } advertised && !IPAddress.TryParse(advertised, out _))
        {
            throw new ServiceStartException($"Aft:Cluster:AdvertisedAddress '{advertised}' is not an IP address; give the address the other silos reach this one at");
        }
    }

    private static IPAddress ListenAddress(string bind) =>
        bind is "*" or "0.0.0.0" ? IPAddress.Any
        : IPAddress.TryParse(bind, out var address) ? address
        : throw new ServiceStartException($"--bind '{bind}' is not an IP address; give one of this machine's, 127.0.0.1 (the default) or 0.0.0.0");

    /// <summary>
    /// Opens the store before anything starts (the embedded one is created or migrated here; PostgreSQL must have the
    /// current schema), so a store that cannot be used stops the start with its reason.
    /// </summary>
    private static async Task OpenStoresAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<StoreOptions>();
        var where = store.Provider == StoreProvider.Postgres
            ? "the PostgreSQL store (Aft:Store:ConnectionString)"
            : $"the store in {services.GetRequiredService<DataDirectory>().Path}";
        try
        {
            await services.GetRequiredService<AppDatabase>().EnsureSchemaAsync();
            if (!await services.GetRequiredService<SecretStore>().KeyOpensStoreAsync())
            {
                throw new ServiceStartException(
                    "this node's secrets key cannot open the secrets stored in the store: every node on one store needs the same Aft:Secrets:Key (or, on the embedded store, the data dir's own secrets.key)");
            }
        }
        catch (StoreSchemaException ex)
        {
            throw new ServiceStartException(ex.Message);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or SocketException or ArgumentException)
        {
            throw new ServiceStartException($"{where} cannot be opened: {ex.Message}");
        }
    }
}
