using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace Aft.Scripting.Runtime;

/// <summary>Turns script values into the text a log line or an error message shows.</summary>
public static class JsText
{
    public static string Of(Engine engine, JsValue value)
    {
        if (value.IsString())
        {
            return value.AsString();
        }

        if (value.IsObject() && value is not Jint.Native.Function.Function && !value.IsRegExp() && !value.IsDate()
            && value.AsObject() is not JsError)
        {
            var json = new JsonSerializer(engine).Serialize(value);
            if (!json.IsUndefined())
            {
                return json.AsString();
            }
        }

        return value.ToString();
    }

    public static string Join(Engine engine, JsValue[] arguments) =>
        string.Join(' ', arguments.Select(argument => Of(engine, argument)));
}
