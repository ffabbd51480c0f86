using Aft.Api.Infrastructure;
using Aft.Grains.Security;
using Aft.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Aft.Api.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard OpenTelemetry setting: where OTLP goes; unset, nothing is exported over OTLP.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string ServiceName = "aft";

    /// <summary>Orleans' own instruments and spans (silo, messaging, grain calls).</summary>
    private static readonly string[] OrleansMeters = ["Microsoft.Orleans"];
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// OpenTelemetry over AFT's meter and activity source, ASP.NET Core and Kestrel, outgoing HTTP, the .NET runtime and
    /// Orleans: metrics to the Prometheus endpoint when <c>Aft:Metrics:Enabled</c>, metrics and traces over OTLP when
    /// <see cref="OtlpEndpointSetting"/> is set. With neither, no SDK runs and instruments cost nothing. JSON console
    /// logs (<c>Logging:Console:FormatterName=json</c>) carry their scopes, the job an attempt runs among them.
    /// </summary>
    public static IServiceCollection AddAftTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var metrics = configuration.GetSection("Aft:Metrics").Get<MetricsOptions>() ?? new MetricsOptions();
        if (!IpAllowList.TryParse(metrics.AllowedAddresses ?? IpAllowList.LoopbackOnly, out var allowList, out var invalid))
        {
            throw new InvalidOperationException($"Aft:Metrics:AllowedAddresses: '{invalid}' is not an IP address or CIDR range");
        }

        services.AddSingleton(metrics);
        services.AddSingleton(new MetricsAllowList(allowList));
        services.Configure<JsonConsoleFormatterOptions>(json => json.IncludeScopes = true);

        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        if (!metrics.Enabled && !otlp)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(meters =>
            {
                meters.AddMeter(AftMetrics.MeterName)
                    .AddMeter(OrleansMeters)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (metrics.Enabled)
                {
                    meters.AddPrometheusExporter();
                }

                if (otlp)
                {
                    meters.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(traces => traces
                .AddSource(AftActivitySource.Name)
                .AddSource(OrleansSources)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        return services;
    }

    /// <summary>The Prometheus scrape endpoint, when enabled, for the addresses of its own allowlist and without an API key.</summary>
    public static WebApplication MapAftMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<MetricsOptions>();
        if (!options.Enabled)
        {
            return app;
        }

        var allowList = app.Services.GetRequiredService<MetricsAllowList>().Addresses;
        app.UseWhen(http => http.Request.Path.StartsWithSegments(options.Path), branch => branch.Use(async (http, next) =>
        {
            if (allowList.Allows(http.Connection.RemoteIpAddress))
            {
                await next(http);
                return;
            }

            await ApiProblems.Forbidden($"{http.Connection.RemoteIpAddress} may not scrape metrics (Aft:Metrics:AllowedAddresses)").ExecuteAsync(http);
        }));
        app.MapPrometheusScrapingEndpoint(options.Path);
        return app;
    }

    /// <summary>The parsed <see cref="MetricsOptions.AllowedAddresses"/>.</summary>
    private sealed record MetricsAllowList(IpAllowList Addresses);
}
