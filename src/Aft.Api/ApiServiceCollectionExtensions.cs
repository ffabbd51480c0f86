using System.Text.Json;
using System.Text.Json.Serialization;
using Aft.Api.Admin;
using Aft.Api.Audit;
using Aft.Api.Infrastructure;
using Aft.Api.Jobs;
using Aft.Api.Local;
using Aft.Api.Schedules;
using Aft.Api.Scripts;
using Aft.Api.Security;
using Aft.Api.Vfs;
using Aft.Api.Webhooks;
using Aft.Grains.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace Aft.Api;

public static class ApiServiceCollectionExtensions
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IServiceCollection AddAftApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ApiKeyCache>();
        services.AddOptions<RateLimitsOptions>().Bind(configuration.GetSection("Aft:RateLimits"))
            .Validate(limits => new[] { limits.SubmitsPerSecond, limits.SubmitBurst, limits.ReadsPerSecond, limits.ReadBurst }.All(value => value is >= 1 and <= ApiKeyLimits.Max),
                $"every Aft:RateLimits value must be a whole number from 1 to {ApiKeyLimits.Max}")
            .ValidateOnStart();
        services.AddSingleton<ApiKeyRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ApiKeyRateLimiter>((options, limiter) =>
        {
            options.GlobalLimiter = limiter.Create();
            options.OnRejected = ApiKeyRateLimiter.RejectAsync;
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<StoreUnavailableExceptionHandler>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        return services;
    }

    public static WebApplication MapAftApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapJobsApiV1();
        app.MapScriptsApiV1();
        app.MapApiKeysApiV1();
        app.MapSecretsApiV1();
        app.MapSettingsApiV1();
        app.MapClusterApiV1();
        app.MapVfsApiV1();
        app.MapAuditApiV1();
        app.MapWebhooksApiV1();
        app.MapSchedulesApiV1();
        app.MapLocalApiV1();
        return app;
    }
}
