using Aft.Grains;
using Aft.Grains.Storage;
using Aft.Scripting;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Cli.Admin;

/// <summary>
/// The data dir's stores opened in this process, for when no service runs: offline administration and
/// <c>aft run</c> in-process, with the service's configuration (<see cref="CliConfiguration"/>).
/// </summary>
public sealed class LocalStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private LocalStore(ServiceProvider services) => _services = services;

    /// <summary>Opens the stores of an existing data dir; only <c>aft serve</c> creates one, so a mistyped path is refused, not filled.</summary>
    public static LocalStore Open(DataDirectory dataDirectory)
    {
        if (!Directory.Exists(dataDirectory.Path))
        {
            throw CliException.Usage($"there is no data dir at {dataDirectory.Path}; 'aft serve --data-dir {dataDirectory.Path}' creates one, or name an existing one with --data-dir");
        }

        var configuration = CliConfiguration.Load();
        var services = new ServiceCollection()
            .AddLogging()
            .AddAftStores(dataDirectory, configuration)
            .AddAftScripting(configuration.GetSection("Aft:Scripting"))
            .AddAftScriptingLibrary(configuration.GetSection("Aft"));
        return new LocalStore(services.BuildServiceProvider());
    }

    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
