using System.Text.Json;

namespace Aft.Api.Infrastructure;

/// <summary>
/// Reads a request body as a JSON object and reads its fields with exact errors, so a client is told which
/// field is wrong and why instead of a generic binding failure.
/// </summary>
public sealed class JsonBody : IDisposable
{
    private readonly JsonDocument _document;

    private JsonBody(JsonDocument document, byte[] raw)
    {
        _document = document;
        Raw = raw;
    }

    /// <summary>The body as sent (for request hashing).</summary>
    public byte[] Raw { get; }

    public JsonElement Root => _document.RootElement;

    /// <summary>A body made of <paramref name="value"/> (an anonymous object or a dictionary), for callers other than an HTTP request such as the web UI's forms.</summary>
    public static JsonBody Of(object value)
    {
        var raw = JsonSerializer.SerializeToUtf8Bytes(value);
        return new JsonBody(JsonDocument.Parse(raw), raw);
    }

    /// <summary>Reads the body as a JSON object and hands it to <paramref name="handle"/>; a body that is not one gets its problem answer.</summary>
    public static async Task<IResult> ReadAsync(HttpRequest request, Func<JsonBody, Task<IResult>> handle)
    {
        var (body, problem) = await ReadObjectAsync(request);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            return await handle(body);
        }
    }

    private static async Task<(JsonBody? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var raw = buffer.ToArray();
        if (raw.Length == 0)
        {
            return (null, ApiProblems.Invalid("body", "the request needs a JSON object body"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Invalid("body", $"the body is not valid JSON: {ex.Message}"));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, ApiProblems.Invalid("body", "the body must be a JSON object"));
        }

        return (new JsonBody(document, raw), null);
    }

    /// <summary>An optional string field: absent or null gives null; another type is an error.</summary>
    public bool TryGetString(string field, out string? value, out IResult? problem) => TryGetString(Root, field, out value, out problem);

    public static bool TryGetString(JsonElement obj, string field, out string? value, out IResult? problem)
    {
        value = null;
        problem = null;
        if (!obj.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problem = ApiProblems.Invalid(field, $"'{field}' must be a string");
            return false;
        }

        value = element.GetString();
        return true;
    }

    public bool TryGetInt(string field, int min, int max, out int? value, out IResult? problem)
    {
        value = null;
        problem = null;
        if (!Root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number) || number < min || number > max)
        {
            problem = ApiProblems.Invalid(field, $"'{field}' must be a whole number from {min} to {max}");
            return false;
        }

        value = number;
        return true;
    }

    public bool TryGetBool(string field, out bool? value, out IResult? problem)
    {
        value = null;
        problem = null;
        if (!Root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problem = ApiProblems.Invalid(field, $"'{field}' must be true or false");
            return false;
        }

        value = element.GetBoolean();
        return true;
    }

    public bool TryGetStringArray(string field, out string[]? value, out IResult? problem)
    {
        value = null;
        problem = null;
        if (!Root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            problem = ApiProblems.Invalid(field, $"'{field}' must be an array of strings");
            return false;
        }

        value = [.. element.EnumerateArray().Select(item => item.GetString()!)];
        return true;
    }

    public void Dispose() => _document.Dispose();
}
