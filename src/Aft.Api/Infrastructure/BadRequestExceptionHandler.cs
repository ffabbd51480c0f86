using Microsoft.AspNetCore.Diagnostics;

namespace Aft.Api.Infrastructure;

/// <summary>Turns the framework's request errors (body too large, unreadable body) into problem+json.</summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
                Detail = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the request body is over the 1 MiB limit" : badRequest.Message,
            },
        });
    }
}
