using Aft.Scripting.Clients;
using Aft.Scripting.Vfs.Script;
using Aft.Scripting.Watchers;
using Jint.Native;

namespace Aft.Scripting.Globals;

/// <summary>The SyncJS constants: watcher events, VFS types, ReadDir orders, seek origins, transfer policies, listing filters.</summary>
public sealed class ConstantGlobals : IScriptModule
{
    private static readonly (string Name, JsValue Value)[] Constants =
    [
        ("EVT_WRITE", WatchEvents.Write),
        ("EVT_CREATE", WatchEvents.Create),
        ("EVT_REMOVE", WatchEvents.Remove),
        ("EVT_RENAME", WatchEvents.Rename),
        ("EVT_CHMOD", WatchEvents.Chmod),
        ("VfsTypeDisk", "Disk"),
        ("VfsTypeS3", "S3"),
        ("VfsTypeAzure", "Azure"),
        ("VfsTypeGCS", "GCP"),
        ("VfsTypeSFTP", "SFTP"),
        ("VfsTypeR2FS", "R2FS"),
        ("VfsTypeFTP", "FTP"),
        ("VfsTypeFTPS", "FTPS"),
        ("SortByName", DirSort.ByName),
        ("SortByNameDirsFirst", DirSort.ByNameDirsFirst),
        ("SortBySize", DirSort.BySize),
        ("SortByTime", DirSort.ByTime),
        ("SortAsc", DirSort.Ascending),
        ("SortDesc", DirSort.Descending),
        ("FromStart", 0),
        ("FromCurrent", 1),
        ("FromEnd", 2),
        ("NeverOverwrite", 0),
        ("AlwaysOverwrite", 1),
        ("OverwriteIfDiffSize", 2),
        ("OverwriteIfNewer", 3),
        ("LIST_ALL", 0),
        ("LIST_FILES", 1),
        ("LIST_DIRS", 2),
        ("TLS_MODE_NONE", FtpsClientProfile.TlsNone),
        ("TLS_MODE_EXPLICIT", FtpsClientProfile.TlsExplicit),
        ("TLS_MODE_IMPLICIT", FtpsClientProfile.TlsImplicit),
    ];

    public void Install(ScriptContext context)
    {
        foreach (var (name, value) in Constants)
        {
            context.Engine.SetValue(name, value);
        }
    }
}
