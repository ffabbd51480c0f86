namespace Aft.Api.Infrastructure;

/// <summary>The problem+json answers the API gives; each names what was wrong and, for bad input, the field.</summary>
public static class ApiProblems
{
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: message,
            title: $"Invalid '{field}'");

    public static IResult NotFound(string what) =>
        TypedResults.Problem(detail: what, title: "Not found", statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string field, string message) =>
        TypedResults.Problem(detail: message, title: $"Conflict on '{field}'", statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["field"] = field });

    public static IResult Forbidden(string message) =>
        TypedResults.Problem(detail: message, title: "Forbidden", statusCode: StatusCodes.Status403Forbidden);

    public static IResult Unauthorized(string message) =>
        TypedResults.Problem(detail: message, title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized);
}
