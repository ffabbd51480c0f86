using Aft.Grains.Accounts;
using Aft.Grains.Audit;
using Aft.Grains.Endpoints;
using Aft.Grains.Jobs;
using Aft.Grains.Schedules;
using Aft.Grains.Scripts;
using Aft.Grains.Security;
using Aft.Grains.Settings;
using Aft.Grains.Storage;
using Aft.Grains.Storage.Postgres;
using Aft.Grains.Storage.Sqlite;
using Aft.Grains.Telemetry;
using Aft.Grains.Vfs;
using Aft.Grains.Webhooks;
using Aft.Scripting;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Aft.Grains;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The stores over the configured database (<c>Aft:Store</c>: the data dir's embedded SQLite unless it names
    /// PostgreSQL): scripts, jobs and logs, keys, secrets, settings, the VFS Library, schedules, the audit trail. Enough for offline
    /// administration; <see cref="AddAftEngine"/> adds what runs jobs.
    /// </summary>
    public static IServiceCollection AddAftStores(this IServiceCollection services, DataDirectory dataDirectory, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(dataDirectory);
        services.AddOptions<SecretsOptions>().Bind(configuration.GetSection("Aft:Secrets"));
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection("Aft:Jobs"));
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection("Aft:Audit"));
        services.AddOptions<WebhooksOptions>().Bind(configuration.GetSection("Aft:Webhooks"));
        services.AddOptions<SchedulesOptions>().Bind(configuration.GetSection("Aft:Schedules"));
        var store = configuration.GetSection("Aft:Store").Get<StoreOptions>() ?? new StoreOptions();
        services.AddSingleton(store);
        services.AddSingleton<AppDatabase>(sp => store.Provider == StoreProvider.Postgres
            ? new PostgresAppDatabase(store.ConnectionString!, sp.GetRequiredService<ILoggerFactory>())
            : new SqliteAppDatabase(dataDirectory, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ScriptStore>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobClaims>();
        services.AddSingleton<JobLogStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<SecretStore>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<UiSettingsStore>();
        services.AddSingleton<AdminAccountStore>();
        services.AddSingleton<VfsStore>();
        services.AddSingleton<ScheduleStore>();
        services.AddSingleton<IVfsCatalog>(sp => sp.GetRequiredService<VfsStore>());
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<WebhookCatalog>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookOutbox>();
        return services;
    }

    /// <summary>Job execution inside a silo: the dispatcher, the executor, recovery, retention (jobs, audit trail), webhook delivery, the script runtime and the schedules' dispatcher.</summary>
    public static IServiceCollection AddAftEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAftScripting(configuration.GetSection("Aft:Scripting"))
            .AddAftScriptingLibrary(configuration.GetSection("Aft"));

        // Connection limits and endpoint health cluster-wide, in endpoint grains, instead of per process.
        services.AddSingleton<GrainEndpointGate>();
        services.Replace(ServiceDescriptor.Singleton<IEndpointGate>(sp => sp.GetRequiredService<GrainEndpointGate>()));
        services.AddHostedService(sp => sp.GetRequiredService<GrainEndpointGate>());
        services.AddSingleton<AftMetrics>();
        services.AddSingleton<ScriptThreads>();
        services.AddSingleton<JobExecutor>();
        services.AddSingleton<JobDispatcher>();
        services.AddSingleton<JobIdGenerator>();
        services.AddSingleton<JobSubmitter>();
        services.AddSingleton<JobLifecycle>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<JobLifecycle>());
        services.AddSingleton<JobRetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRetentionService>());
        services.AddHostedService<AuditRetentionService>();

        services.AddHostedService(sp => sp.GetRequiredService<WebhookCatalog>());
        services.AddHttpClient(WebhookDeliveryService.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        services.AddHostedService<WebhookDeliveryService>();

        services.AddSingleton<ScheduleDispatcher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ScheduleDispatcher>());
        return services;
    }
}
