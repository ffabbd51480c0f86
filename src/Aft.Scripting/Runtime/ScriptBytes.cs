using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace Aft.Scripting.Runtime;

/// <summary>Byte data between scripts and the host: scripts get a <c>Uint8Array</c> and may pass one or a plain array of 0..255.</summary>
public static class ScriptBytes
{
    public static JsValue ToUint8Array(Engine engine, byte[] data) =>
        engine.Intrinsics.Uint8Array.Construct(engine.Intrinsics.ArrayBuffer.Construct(data), null, null);

    public static byte[] FromScript(Engine engine, JsValue value, string function)
    {
        if (value is not (JsTypedArray or JsArray))
        {
            throw ScriptArgs.TypeError(engine, $"{function}: data must be a Uint8Array or an array of numbers 0..255");
        }

        var array = (ObjectInstance)value;
        var length = (int)array.Get("length").AsNumber();
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            var element = array.Get(i);
            if (!element.IsNumber() || element.AsNumber() is var number && (number < 0 || number > 255 || number != Math.Floor(number)))
            {
                throw ScriptArgs.TypeError(engine, $"{function}: element {i} is not a byte (0..255)");
            }

            data[i] = (byte)element.AsNumber();
        }

        return data;
    }

    public static byte[] FromHex(Engine engine, string hex, string function)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw ScriptArgs.TypeError(engine, $"{function}: data is not a hex string");
        }
    }
}
