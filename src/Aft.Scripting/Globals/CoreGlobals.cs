using Aft.Scripting.Runtime;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime.Interop;

namespace Aft.Scripting.Globals;

/// <summary>
/// The base of every script: parameters, secrets, logging, exit, sleep and the halt signal.
/// </summary>
public sealed class CoreGlobals : IScriptModule
{
    public void Install(ScriptContext context)
    {
        var engine = context.Engine;
        var parameters = new JsonParser(engine).Parse(context.Request.ParamsJson);

        JsValue ReadParam(JsValue _, JsValue[] args) =>
            parameters.IsObject() && args.Length > 0 ? parameters.AsObject().Get(args[0].ToString()) : JsValue.Undefined;

        engine.SetValue("Params", new ClrFunction(engine, "Params", ReadParam, 1));
        engine.SetValue("Param", new ClrFunction(engine, "Param", ReadParam, 1));

        engine.SetValue("GetSecret", new ClrFunction(engine, "GetSecret", (_, args) =>
            args.Length == 0 ? JsString.Empty : new JsString(context.Environment.Secrets.Read(args[0].ToString()) ?? string.Empty), 1));

        engine.SetValue("Log", CreateLog(context));

        engine.SetValue("Exit", new ClrFunction(engine, "Exit", (_, args) =>
            throw new ScriptExitException(args.Length == 0 || args[0].IsUndefined() ? 0 : (int)TypeConverterToNumber(args[0])), 1));

        engine.SetValue("Sleep", new ClrFunction(engine, "Sleep", (_, args) =>
        {
            var milliseconds = args.Length == 0 ? 0 : Math.Max(0, TypeConverterToNumber(args[0]));
            context.Signals.Sleep(TimeSpan.FromMilliseconds(milliseconds));
            return JsValue.Undefined;
        }, 1));

        engine.SetValue("HaltSignalReceived", new ClrFunction(engine, "HaltSignalReceived", (_, _) =>
            context.Signals.Halt.IsCancellationRequested ? JsBoolean.True : JsBoolean.False));

        engine.SetValue("WaitForHaltSignal", new ClrFunction(engine, "WaitForHaltSignal", (_, _) =>
        {
            context.Signals.WaitForHalt();
            return JsValue.Undefined;
        }));
    }

    private static ClrFunction CreateLog(ScriptContext context)
    {
        var engine = context.Engine;
        var log = context.Environment.Log;

        ClrFunction Writer(string name, ScriptLogLevel level) => new(engine, name, (_, args) =>
        {
            log.Write(level, JsText.Join(engine, args));
            return JsValue.Undefined;
        }, 1);

        var root = Writer("Log", ScriptLogLevel.Info);
        root.Set("Debug", Writer("Debug", ScriptLogLevel.Debug));
        root.Set("Info", Writer("Info", ScriptLogLevel.Info));
        root.Set("Warn", Writer("Warn", ScriptLogLevel.Warn));
        root.Set("Error", Writer("Error", ScriptLogLevel.Error));
        return root;
    }

    private static double TypeConverterToNumber(JsValue value) => Jint.Runtime.TypeConverter.ToNumber(value);
}
