using Aft.Scripting.Runtime;
using Jint;
using Jint.Native;

namespace Aft.Scripting.Vfs.Transfers;

/// <summary>Reads a transfer policy given by a script (one of the <c>NeverOverwrite</c>… constants).</summary>
public static class TransferPolicies
{
    /// <summary>The policy at <paramref name="index"/>, or null when it is not given.</summary>
    public static TransferPolicy? Argument(Engine engine, JsValue[] arguments, int index, string function) =>
        ScriptArgs.IsMissing(arguments, index) ? null : From(engine, ScriptArgs.At(arguments, index), function);

    public static TransferPolicy From(Engine engine, JsValue value, string function) =>
        value.IsNumber() && value.AsNumber() is var number && number == Math.Floor(number) && Enum.IsDefined((TransferPolicy)(int)number)
            ? (TransferPolicy)(int)number
            : throw ScriptArgs.TypeError(engine, $"{function}: policy must be NeverOverwrite, AlwaysOverwrite, OverwriteIfDiffSize or OverwriteIfNewer");
}
