using Jint;
using Jint.Native;
using Jint.Runtime;

namespace Aft.Scripting.Runtime;

/// <summary>
/// Argument checks for host functions. A wrong argument is a programming error, so it becomes a script
/// <c>TypeError</c> that names the function and carries the script line.
/// </summary>
public static class ScriptArgs
{
    public static JsValue At(JsValue[] arguments, int index) => index < arguments.Length ? arguments[index] : JsValue.Undefined;

    public static bool IsMissing(JsValue[] arguments, int index) => At(arguments, index).IsUndefined() || At(arguments, index).IsNull();

    public static string String(Engine engine, JsValue[] arguments, int index, string function, string parameter)
    {
        var value = At(arguments, index);
        if (!value.IsString())
        {
            throw TypeError(engine, $"{function}: {parameter} must be a string");
        }

        return value.AsString();
    }

    public static string? OptionalString(Engine engine, JsValue[] arguments, int index, string function, string parameter) =>
        IsMissing(arguments, index) ? null : String(engine, arguments, index, function, parameter);

    public static double Number(Engine engine, JsValue[] arguments, int index, string function, string parameter)
    {
        var value = At(arguments, index);
        if (!value.IsNumber())
        {
            throw TypeError(engine, $"{function}: {parameter} must be a number");
        }

        return value.AsNumber();
    }

    public static double OptionalNumber(Engine engine, JsValue[] arguments, int index, string function, string parameter, double fallback) =>
        IsMissing(arguments, index) ? fallback : Number(engine, arguments, index, function, parameter);

    /// <summary>A point in time given as a <c>Date</c>, milliseconds since 1970 or an ISO-8601 string.</summary>
    public static DateTimeOffset Time(Engine engine, JsValue[] arguments, int index, string function, string parameter)
    {
        var value = At(arguments, index);
        if (value is JsDate date)
        {
            return new DateTimeOffset(date.ToDateTime().ToUniversalTime(), TimeSpan.Zero);
        }

        if (value.IsNumber())
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)value.AsNumber());
        }

        if (value.IsString() && DateTimeOffset.TryParse(value.AsString(), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw TypeError(engine, $"{function}: {parameter} must be a Date, a number of milliseconds or an ISO-8601 string");
    }

    public static JavaScriptException TypeError(Engine engine, string message) => new(engine.Intrinsics.TypeError, message);

    public static JavaScriptException Error(Engine engine, string message) => new(engine.Intrinsics.Error, message);
}
