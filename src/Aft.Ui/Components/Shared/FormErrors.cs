using Microsoft.AspNetCore.Http.HttpResults;

namespace Aft.Ui.Components.Shared;

/// <summary>
/// What a form got wrong, field by field, as the services and the REST API's parsers said it. The UI shows each
/// message next to its field; one that names no field of the form is shown above it.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public string? this[string field] => _errors.GetValueOrDefault(field);

    /// <summary>The field's <c>aria-invalid</c> value: "true" when it has an error, else none (the attribute is left out).</summary>
    public string? Invalid(string field) => this[field] is null ? null : "true";

    public void Add(string field, string message) => _errors.TryAdd(field, message);

    /// <summary>Messages for fields the form does not show (<paramref name="shown"/>), to print at the top.</summary>
    public IEnumerable<string> Others(params string[] shown) =>
        _errors.Where(error => !shown.Contains(error.Key, StringComparer.OrdinalIgnoreCase)).Select(error => error.Value);

    /// <summary>Adds the field and message of an API problem answer (400 with errors, or 409/404 naming a field); false for anything else.</summary>
    public bool AddProblem(IResult result)
    {
        switch (result)
        {
            case ValidationProblem validation:
                foreach (var (name, messages) in validation.ProblemDetails.Errors)
                {
                    Add(name, string.Join(" ", messages));
                }

                return true;
            case ProblemHttpResult problem:
                var field = problem.ProblemDetails.Extensions.TryGetValue("field", out var named) && named is string fieldName ? fieldName : "form";
                Add(field, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "the request was refused");
                return true;
            default:
                return false;
        }
    }
}
