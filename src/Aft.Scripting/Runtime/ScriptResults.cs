using Jint;
using Jint.Native;

namespace Aft.Scripting.Runtime;

/// <summary>
/// The SyncJS result objects. Every one is a respBase (<c>Ok()</c>, <c>ErrorMsg()</c>); the typed ones add one
/// accessor (<c>Size()</c>, <c>Info()</c>, <c>Infos()</c>, <c>Data()</c>) that returns an empty value when the call failed.
/// </summary>
public static class ScriptResults
{
    public static ScriptObject Base(Engine engine, string? error) =>
        new ScriptObject(engine)
            .Method("Ok", _ => error is null ? JsBoolean.True : JsBoolean.False)
            .Method("ErrorMsg", _ => new JsString(error ?? string.Empty));

    public static ScriptObject With(Engine engine, string? error, string accessor, JsValue value) =>
        Base(engine, error).Method(accessor, _ => value);
}
