namespace Aft.Scripting;

/// <summary>Installs a group of SyncJS globals into a fresh engine. Registered in DI; every run gets all of them.</summary>
public interface IScriptModule
{
    void Install(ScriptContext context);
}
