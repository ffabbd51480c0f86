namespace Aft.Scripting;

public enum ScriptLogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}
