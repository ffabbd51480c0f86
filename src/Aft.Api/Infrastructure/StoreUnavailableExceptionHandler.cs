using Aft.Grains.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Aft.Api.Infrastructure;

/// <summary>
/// The store cannot be reached: 503 with Retry-After, so clients back off and try again, instead of a request that
/// hangs or a 500 that reads like a bug. Nothing was accepted that could not be stored.
/// </summary>
public sealed class StoreUnavailableExceptionHandler(AppDatabase database, IProblemDetailsService problems) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StoreUnavailableException && !database.IsUnavailable(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Store unavailable",
                Detail = StoreUnavailableException.DefaultMessage,
            },
        });
    }
}
