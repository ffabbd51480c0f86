using Aft.Scripting.Runtime;
using Jint.Runtime.Interop;

namespace Aft.Scripting.Vfs.Script;

/// <summary>Installs <c>VirtualFSByName(name)</c> and <c>new VirtualFS(type, target, payload)</c>.</summary>
public sealed class VfsModule(VfsOpener opener) : IScriptModule
{
    public void Install(ScriptContext context)
    {
        var engine = context.Engine;
        engine.SetValue("VirtualFSByName", new ClrFunction(engine, "VirtualFSByName", (_, arguments) =>
            opener.ByName(context, ScriptArgs.String(engine, arguments, 0, "VirtualFSByName", "name")), 1));
        engine.SetValue("VirtualFS", new ScriptConstructor(engine, "VirtualFS", arguments => opener.Ephemeral(context, arguments)));
    }
}
