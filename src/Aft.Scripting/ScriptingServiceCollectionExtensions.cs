using Aft.Scripting.Globals;
using Aft.Scripting.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Scripting;

public static class ScriptingServiceCollectionExtensions
{
    /// <summary>Adds the SyncJS runtime: the runner, the prepared-script cache and the core globals.</summary>
    public static IServiceCollection AddAftScripting(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<ScriptingOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        services.AddSingleton<PreparedScriptCache>();
        services.AddSingleton<ScriptRunner>();
        services.AddSingleton<IScriptModule, CoreGlobals>();
        return services;
    }
}
