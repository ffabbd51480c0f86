namespace Aft.Scripting.Watchers;

/// <summary>
/// The values of the <c>EVT_*</c> constants. They are the strings AFT! v3 scripts compared against, so a v3
/// comparison such as <c>evt.Event == "CREATE"</c> keeps working.
/// </summary>
public static class WatchEvents
{
    public const string Write = "WRITE";
    public const string Create = "CREATE";
    public const string Remove = "REMOVE";
    public const string Rename = "RENAME";
    public const string Chmod = "CHMOD";
}
