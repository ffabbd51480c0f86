using Aft.Scripting.Clients;
using Aft.Scripting.Globals;
using Aft.Scripting.Helpers;
using Aft.Scripting.Http;
using Aft.Scripting.Runtime;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.AzureBlob;
using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.Disk;
using Aft.Scripting.Vfs.Ftp;
using Aft.Scripting.Vfs.S3;
using Aft.Scripting.Vfs.Script;
using Aft.Scripting.Vfs.Sftp;
using Aft.Scripting.Vfs.Transfers;
using Aft.Scripting.Watchers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aft.Scripting;

public static class ScriptingServiceCollectionExtensions
{
    /// <summary>Adds the SyncJS runtime: the runner, the prepared-script cache and the core globals.</summary>
    /// <param name="services">The container.</param>
    /// <param name="configuration">The <c>Aft:Scripting</c> section.</param>
    public static IServiceCollection AddAftScripting(this IServiceCollection services, IConfiguration? configuration = null)
    {
        Bind<ScriptingOptions>(services, configuration);
        services.AddSingleton<PreparedScriptCache>();
        services.AddSingleton<ScriptRunner>();
        services.AddSingleton<IScriptModule, CoreGlobals>();
        return services;
    }

    /// <summary>
    /// Adds the SyncJS library on top of <see cref="AddAftScripting"/>: constants, VirtualFS (with the disk
    /// backend), HttpCli, FsWatcher/RemoteWatcher and the helpers. Other VFS types join by registering an
    /// <see cref="IVfsBackendProvider"/>; the host registers its <see cref="IVfsCatalog"/> and passes its service
    /// provider as <see cref="ScriptEnvironment.Services"/> of each run.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configuration">The <c>Aft</c> section; its <c>Vfs</c>, <c>Http</c> and <c>Mail</c> children are bound.</param>
    /// <remarks>
    /// Remote connections are limited and health-checked by an <see cref="IEndpointGate"/>: in-process here
    /// (<see cref="LocalEndpointGate"/>); a silo registers its cluster-wide one before or after this call.
    /// </remarks>
    public static IServiceCollection AddAftScriptingLibrary(this IServiceCollection services, IConfiguration? configuration = null)
    {
        Bind<VfsOptions>(services, configuration?.GetSection("Vfs"));
        Bind<VfsConnectionOptions>(services, configuration?.GetSection("Vfs:Connections"));
        Bind<HttpCliOptions>(services, configuration?.GetSection("Http"));
        Bind<MailOptions>(services, configuration?.GetSection("Mail"));

        services.AddSingleton<IScriptModule, ConstantGlobals>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEndpointGate, LocalEndpointGate>();
        services.AddSingleton<VfsConnectionPools>();
        services.AddSingleton<VfsBackendFactory>();
        services.AddSingleton<IVfsBackendProvider, DiskVfsBackendProvider>();
        services.AddSingleton<IVfsBackendProvider, SftpVfsBackendProvider>();
        services.AddSingleton<IVfsBackendProvider>(provider => new FtpVfsBackendProvider(secure: false, provider.GetRequiredService<VfsConnectionPools>()));
        services.AddSingleton<IVfsBackendProvider>(provider => new FtpVfsBackendProvider(secure: true, provider.GetRequiredService<VfsConnectionPools>()));
        services.AddSingleton<IVfsBackendProvider, S3VfsBackendProvider>();
        services.AddSingleton<IVfsBackendProvider, AzureBlobVfsBackendProvider>();
        services.AddMetrics();
        services.AddSingleton<TransferMetrics>();
        services.AddSingleton<VfsOpener>();
        services.AddSingleton<IScriptModule, VfsModule>();
        services.AddSingleton<IScriptModule, ClientsModule>();

        // HttpCli enforces its own per-request timeout; the default request loggers would write URLs, which
        // often carry secrets, to the host log.
        services.AddHttpClient(HttpCliOptions.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<IScriptModule, HttpCliModule>();
        services.AddSingleton<IScriptModule, WatchersModule>();
        services.AddSingleton<IScriptModule, HashFileModule>();
        services.AddSingleton<IScriptModule, ZipModule>();
        services.AddSingleton<IScriptModule, MailModule>();
        return services;
    }

    private static void Bind<TOptions>(IServiceCollection services, IConfiguration? section) where TOptions : class
    {
        var options = services.AddOptions<TOptions>();
        if (section is not null)
        {
            options.Bind(section);
        }
    }
}
