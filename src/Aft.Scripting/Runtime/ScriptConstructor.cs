using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace Aft.Scripting.Runtime;

/// <summary>
/// A global that scripts may call with or without <c>new</c> (<c>HttpCli()</c> and <c>new HttpCli()</c> both
/// appear in product samples); either way it returns the object <paramref name="create"/> builds.
/// </summary>
public sealed class ScriptConstructor(Engine engine, string name, Func<JsValue[], ObjectInstance> create)
    : Constructor(engine, name)
{
    public override ObjectInstance Construct(JsValue[] arguments, JsValue newTarget) => create(arguments);

    protected override JsValue Call(JsValue thisObject, JsValue[] arguments) => create(arguments);
}
