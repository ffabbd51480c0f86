using Aft.Silo;
using Microsoft.Extensions.Configuration;

namespace Aft.Cli.Admin;

/// <summary>
/// The service's configuration as a command outside it reads it: the compiled-in defaults, appsettings.json next to
/// the binary, then the environment (e.g. <c>Aft__Secrets__Key</c>, <c>Aft__Store__ConnectionString</c>), so an offline
/// command opens the same store with the same keys.
/// </summary>
public static class CliConfiguration
{
    public static IConfigurationRoot Load() => new ConfigurationBuilder()
        .AddAftDefaults()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
}
