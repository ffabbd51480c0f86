using System.Text.Json;
using System.Text.Json.Serialization;
using Aft.Api.Admin;
using Aft.Api.Infrastructure;
using Aft.Api.Jobs;
using Aft.Api.Local;
using Aft.Api.Schedules;
using Aft.Api.Scripts;
using Aft.Api.Security;
using Aft.Api.Vfs;

namespace Aft.Api;

public static class ApiServiceCollectionExtensions
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IServiceCollection AddAftApi(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyCache>();
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
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapJobsApiV1();
        app.MapScriptsApiV1();
        app.MapApiKeysApiV1();
        app.MapSecretsApiV1();
        app.MapSettingsApiV1();
        app.MapClusterApiV1();
        app.MapVfsApiV1();
        app.MapSchedulesApiV1();
        app.MapLocalApiV1();
        return app;
    }
}
