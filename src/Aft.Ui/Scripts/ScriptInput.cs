using System.Globalization;
using Aft.Api.Infrastructure;
using Aft.Grains.Jobs;
using Aft.Grains.Scripts;

namespace Aft.Ui.Scripts;

/// <summary>
/// The script form's fields as typed. Numbers stay text here: the REST API's parser checks them (a word where a number
/// goes gets its message next to the field), so the page never judges a value itself.
/// </summary>
public sealed class ScriptInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Code { get; set; }
    public string? MaxAttempts { get; set; }
    public string? InitialBackoffSeconds { get; set; }
    public string? BackoffMultiplier { get; set; }
    public string? MaxBackoffSeconds { get; set; }
    public string? TimeoutSeconds { get; set; }
    public string? MaxConcurrency { get; set; }

    /// <summary>A new script's form: the API's defaults (one attempt, no timeout, no concurrency limit).</summary>
    public static ScriptInput New() => From(RetryPolicy.None, timeout: null, maxConcurrency: 0);

    public static ScriptInput From(ScriptDefinition script)
    {
        var input = From(script.Retry, script.Timeout, script.MaxConcurrency);
        input.Name = script.Name;
        input.Description = script.Description;
        input.Code = script.Code;
        return input;
    }

    /// <summary>The body of <c>POST/PUT /v1/scripts</c> these fields make. An empty timeout is none (JSON null); other empty numbers are left to the parser's defaults.</summary>
    public JsonBody ToBody() => JsonBody.Of(new
    {
        name = Name ?? "",
        description = Description ?? "",
        code = Code ?? "",
        retry = new
        {
            maxAttempts = Number(MaxAttempts),
            initialBackoffSeconds = Number(InitialBackoffSeconds),
            backoffMultiplier = Number(BackoffMultiplier),
            maxBackoffSeconds = Number(MaxBackoffSeconds),
        },
        timeoutSeconds = Number(TimeoutSeconds),
        maxConcurrency = Number(MaxConcurrency),
    });

    private static ScriptInput From(RetryPolicy retry, TimeSpan? timeout, int maxConcurrency) => new()
    {
        MaxAttempts = Text(retry.MaxAttempts),
        InitialBackoffSeconds = Text(retry.InitialBackoff.TotalSeconds),
        BackoffMultiplier = Text(retry.Multiplier),
        MaxBackoffSeconds = Text(retry.MaxBackoff.TotalSeconds),
        TimeoutSeconds = timeout is { } limit ? Text(limit.TotalSeconds) : null,
        MaxConcurrency = Text(maxConcurrency),
    };

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number as JSON when the text is one, else the text itself, so the parser names the field that is wrong.</summary>
    private static object? Number(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : text;
}
