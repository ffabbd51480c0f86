using System.Text;
using System.Text.Json;

namespace Aft.Cli.Client;

/// <summary>
/// Reads <c>--params</c> before anything is sent or run: a JSON object (<c>{"character":"goofy"}</c>) or an array of
/// <c>{"name","value"}</c> objects (<c>[{"name":"job_id","value":"abc-123"}]</c>), both as the REST API takes them.
/// Gives one JSON object, the form <c>aft run</c> hands to the script runtime.
/// </summary>
public static class JobParameters
{
    public static string ToObjectJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "{}";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"--params is not valid JSON ({ex.Message}); give an object like '{{\"name\":\"value\"}}' in single quotes");
        }

        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Object => root.GetRawText(),
                JsonValueKind.Array => FromNameValueArray(root),
                _ => throw CliException.Usage("--params must be a JSON object ('{\"name\":\"value\"}') or an array of {\"name\",\"value\"} objects"),
            };
        }
    }

    private static string FromNameValueArray(JsonElement array)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } key)
                {
                    throw CliException.Usage($"--params: every array item needs a non-empty \"name\" (and a \"value\"); '{item.GetRawText()}' has none");
                }

                writer.WritePropertyName(key);
                if (item.TryGetProperty("value", out var value))
                {
                    value.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
