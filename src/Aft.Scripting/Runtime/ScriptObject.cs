using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Interop;

namespace Aft.Scripting.Runtime;

/// <summary>
/// A plain script object whose members are only the functions and values the host puts on it. Subclasses carry
/// host state that scripts cannot see (a VFS backend, for example) so other globals can recognise them.
/// </summary>
public class ScriptObject : ObjectInstance
{
    public ScriptObject(Engine engine) : base(engine)
    {
        ScriptEngine = engine;
        Prototype = engine.Intrinsics.Object.PrototypeObject;
    }

    protected Engine ScriptEngine { get; }

    public ScriptObject Method(string name, Func<JsValue[], JsValue> body, int length = 0)
    {
        Set(name, new ClrFunction(ScriptEngine, name, (_, arguments) => body(arguments), length));
        return this;
    }

    public ScriptObject Value(string name, JsValue value)
    {
        Set(name, value);
        return this;
    }
}
