using System.Text;
using System.Text.Json;

namespace Aft.Api.Jobs;

/// <summary>
/// Job parameters as every way of starting a script takes them (<c>POST /v1/jobs</c>, the local run channel,
/// <c>aft start --params</c>, <c>aft run -p</c>): a JSON object of names to values, or an array of
/// <c>{"name","value"}</c> items. Whatever would be half-read is refused, naming the item and field: an item with
/// another field (a typo such as <c>valu</c> would leave the script reading null), without <c>name</c> or
/// <c>value</c>, a name that is not a non-empty string, a name given twice, a key given twice inside a value.
/// The result is one JSON object that names each parameter once.
/// </summary>
public static class JobParams
{
    private const string ItemShape = "an item has exactly 'name' and 'value'";

    /// <param name="parameters">The parameters as given; absent or JSON null means none.</param>
    /// <param name="field">What the caller calls them: <c>params</c> in a body, <c>--params</c> on a command line.</param>
    /// <param name="json">The parameters as one JSON object (<c>{}</c> for none).</param>
    /// <returns>Null when they are well-formed, else what is wrong.</returns>
    public static JobParamsProblem? TryNormalize(JsonElement? parameters, string field, out string json)
    {
        json = "{}";
        if (parameters is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } given)
        {
            return null;
        }

        var problem = given.ValueKind switch
        {
            JsonValueKind.Object => CheckObject(given, field),
            JsonValueKind.Array => CheckItems(given, field),
            _ => new JobParamsProblem(field, $"'{field}' must be an object of names to values, or an array of {{\"name\",\"value\"}} items"),
        };
        if (problem is null)
        {
            json = given.ValueKind == JsonValueKind.Object ? given.GetRawText() : FromItems(given);
        }

        return problem;
    }

    private static JobParamsProblem? CheckObject(JsonElement parameters, string field)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in parameters.EnumerateObject())
        {
            if (!names.Add(parameter.Name))
            {
                return new JobParamsProblem($"{field}.{parameter.Name}", $"the parameter '{parameter.Name}' is given twice in '{field}'");
            }

            if (RepeatedKeyIn(parameter.Value, $"{field}.{parameter.Name}") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static JobParamsProblem? CheckItems(JsonElement items, string field)
    {
        var firstItemOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var at = $"{field}[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return new JobParamsProblem(at, $"'{at}' must be an object; {ItemShape}");
            }

            foreach (var property in item.EnumerateObject())
            {
                if (property.Name is not ("name" or "value"))
                {
                    return new JobParamsProblem($"{at}.{property.Name}", $"'{at}' has a field '{property.Name}'; {ItemShape}");
                }
            }

            if (RepeatedKeyIn(item, at) is { } repeated)
            {
                return repeated;
            }

            if (!item.TryGetProperty("name", out var nameElement))
            {
                return new JobParamsProblem($"{at}.name", $"'{at}' has no 'name'; {ItemShape}");
            }

            if (nameElement.ValueKind != JsonValueKind.String || nameElement.GetString() is not { Length: > 0 } name)
            {
                return new JobParamsProblem($"{at}.name", $"'{at}.name' must be a non-empty string");
            }

            if (!item.TryGetProperty("value", out _))
            {
                return new JobParamsProblem($"{at}.value", $"'{at}' (parameter '{name}') has no 'value'; {ItemShape}");
            }

            if (!firstItemOf.TryAdd(name, index))
            {
                return new JobParamsProblem($"{at}.name", $"the parameter '{name}' is given twice ('{field}[{firstItemOf[name]}]' and '{at}')");
            }

            index++;
        }

        return null;
    }

    /// <summary>The first key given twice in one object anywhere inside <paramref name="value"/>.</summary>
    private static JobParamsProblem? RepeatedKeyIn(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (RepeatedKeyIn(item, $"{path}[{index++}]") is { } problem)
                {
                    return problem;
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                var inner = $"{path}.{property.Name}";
                if (!keys.Add(property.Name))
                {
                    return new JobParamsProblem(inner, $"'{inner}' is given twice; give each key once");
                }

                if (RepeatedKeyIn(property.Value, inner) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string FromItems(JsonElement items)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var item in items.EnumerateArray())
            {
                writer.WritePropertyName(item.GetProperty("name").GetString()!);
                item.GetProperty("value").WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
