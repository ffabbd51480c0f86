using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Aft.Silo;

/// <summary>
/// The configuration compiled into <c>aft</c> (this project's appsettings.json, an embedded resource: log levels that
/// keep Orleans and library internals off the console). It lies under every other source, so an appsettings.json
/// next to the executable, the environment and the command line still win; and an installed binary that has no
/// file beside it logs exactly as a built one does.
/// </summary>
public static class AftDefaults
{
    private const string ResourceName = "Aft.Silo.appsettings.json";

    /// <summary>Puts the compiled-in defaults below the sources <paramref name="configuration"/> already has.</summary>
    public static IConfigurationBuilder AddAftDefaults(this IConfigurationBuilder configuration)
    {
        configuration.Sources.Insert(0, new EmbeddedJsonSource());
        return configuration;
    }

    /// <summary>A fresh stream for every provider it builds: a configuration that reloads its sources builds them again.</summary>
    private sealed class EmbeddedJsonSource : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new JsonStreamConfigurationProvider(new JsonStreamConfigurationSource
        {
            Stream = typeof(AftDefaults).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"the build lost the embedded {ResourceName}"),
        });
    }
}
