using System.IO.Enumeration;
using Aft.Scripting.Runtime;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Disk;
using Aft.Scripting.Vfs.Script;
using Aft.Scripting.Vfs.Transfers;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace Aft.Scripting.Clients;

/// <summary>
/// A client object (<c>SftpClient</c>, <c>FtpsClient</c>, <c>S3Client</c>, <c>AzureClient</c>): connection properties and
/// <c>Options</c> set by the script, then <c>Connect()</c> and the operations, on the same backends, pools and transfer
/// code as VirtualFS. Nothing throws for an I/O failure: <c>Connect()</c> and the operations return false (or null, or
/// an empty list) and write why to the job log.
/// </summary>
public sealed class RemoteClient : ScriptObject, IDisposable
{
    private const int ListAll = 0;
    private const int ListFiles = 1;
    private const int ListDirs = 2;

    /// <summary>Product options AFT does not implement; a script that turns one on is told so instead of being ignored.</summary>
    private static readonly string[] Unsupported = ["OTFE", "VersionedUpload", "VersionedDownload", "AdjustTimeOnUpload", "AdjustTimeOnDownload", "OnDownloadGrantTo"];

    private readonly ScriptContext _context;
    private readonly ClientProfile _profile;
    private readonly VfsBackendFactory _factory;
    private readonly VfsTransfer _transfer;
    private readonly CancellationToken _stop;
    private readonly JsObject _options;
    private IVfsBackend? _backend;

    internal RemoteClient(ScriptContext context, ClientProfile profile, VfsBackendFactory factory, VfsTransfer transfer)
        : base(context.Engine)
    {
        _context = context;
        _profile = profile;
        _factory = factory;
        _transfer = transfer;
        _stop = context.Signals.Stop;
        _options = DefaultOptions(context.Engine);

        foreach (var property in profile.Properties)
        {
            Value(property, JsValue.Undefined);
        }

        Value("Options", _options);
        Method("Connect", _ => Connect());
        Method("Close", _ => Close());
        Method("ListDir", arguments => List(arguments, "ListDir", recursive: false, byMask: false), 2);
        Method("ListDirR", arguments => List(arguments, "ListDirR", recursive: true, byMask: false), 2);
        Method("ListFiles", arguments => List(arguments, "ListFiles", recursive: false, byMask: true), 2);
        Method("ListFilesR", arguments => List(arguments, "ListFilesR", recursive: true, byMask: true), 2);
        Method("MakeDir", arguments => OnPath(arguments, "MakeDir", (vfs, path, token) => vfs.MkdirAsync(path, parents: true, token)), 1);
        Method("DelDir", arguments => OnPath(arguments, "DelDir", (vfs, path, token) => vfs.RmdirAsync(path, token)), 1);
        Method("DelTree", arguments => OnPath(arguments, "DelTree", (vfs, path, token) => vfs.RemoveAsync(path, recursive: true, token)), 1);
        Method("Delete", arguments => OnPath(arguments, "Delete", (vfs, path, token) => vfs.RemoveAsync(path, recursive: false, token)), 1);
        Method("RenDir", arguments => Rename(arguments, "RenDir"), 2);
        Method("Rename", arguments => Rename(arguments, "Rename"), 2);
        Method("Stat", Stat, 1);
        Method("Exists", Exists, 1);
        Method("Upload", Upload, 2);
        Method("Download", Download, 2);
    }

    public void Dispose()
    {
        _backend?.Dispose();
        _backend = null;
    }

    private string Function(string name) => $"{_profile.Name}.{name}";

    private JsValue Connect()
    {
        Dispose();
        var (description, error) = _profile.Describe(Property, _context.Environment.Secrets);
        if (description is null)
        {
            return Failed("Connect", error!);
        }

        var (definition, problem) = _factory.Check(description);
        if (definition is null)
        {
            return Failed("Connect", _profile.PropertyOf.TryGetValue(problem!.Field, out var property) ? $"{property}: {problem.Message}" : problem.Message);
        }

        var (backend, failure) = ScriptIo.Run(_stop, async token =>
        {
            var opened = _factory.Create(definition, definition.Credentials);
            try
            {
                // A connect that cannot even stat the root has not connected.
                await opened.StatAsync(VfsPath.Root, token);
                return opened;
            }
            catch
            {
                opened.Dispose();
                throw;
            }
        });
        if (backend is null)
        {
            return Failed("Connect", failure!);
        }

        _backend = _context.Own(backend);
        return JsBoolean.True;
    }

    private JsValue Close()
    {
        Dispose();
        return JsBoolean.True;
    }

    private JsValue List(JsValue[] arguments, string function, bool recursive, bool byMask)
    {
        var folder = ScriptArgs.String(ScriptEngine, arguments, 0, Function(function), "dir");
        string? mask = null;
        var types = ListAll;
        if (byMask)
        {
            mask = ScriptArgs.OptionalString(ScriptEngine, arguments, 1, Function(function), "mask") ?? "*";
            types = ListFiles;
        }
        else
        {
            types = (int)ScriptArgs.OptionalNumber(ScriptEngine, arguments, 1, Function(function), "types", ListAll);
            if (types is not (ListAll or ListFiles or ListDirs))
            {
                throw ScriptArgs.TypeError(ScriptEngine, $"{Function(function)}: types must be LIST_ALL, LIST_FILES or LIST_DIRS");
            }
        }

        var entries = Run(function, (vfs, token) => CollectAsync(vfs, VfsPath.Normalize(folder), recursive, token));
        if (entries is null)
        {
            return JsValue.Null;
        }

        var kept = entries.Where(entry => types switch
        {
            ListFiles => !entry.IsDir,
            ListDirs => entry.IsDir,
            _ => true,
        } && (mask is null || FileSystemName.MatchesSimpleExpression(mask, entry.Name, ignoreCase: true)));
        return DirListItems.From(ScriptEngine, DirSort.Apply(kept, DirSort.ByName, DirSort.Ascending));
    }

    private JsValue OnPath(JsValue[] arguments, string function, Func<IVfsBackend, string, CancellationToken, Task> operation)
    {
        var path = ScriptArgs.String(ScriptEngine, arguments, 0, Function(function), "path");
        return Run(function, async (vfs, token) =>
        {
            await operation(vfs, VfsPath.Normalize(path), token);
            return true;
        }) ? JsBoolean.True : JsBoolean.False;
    }

    private JsValue Rename(JsValue[] arguments, string function)
    {
        var from = ScriptArgs.String(ScriptEngine, arguments, 0, Function(function), "what");
        var to = ScriptArgs.String(ScriptEngine, arguments, 1, Function(function), "toWhere");
        return Run(function, async (vfs, token) =>
        {
            await vfs.RenameAsync(VfsPath.Normalize(from), VfsPath.Normalize(to), token);
            return true;
        }) ? JsBoolean.True : JsBoolean.False;
    }

    /// <summary>Product choice unknown; AFT returns the DirListItem, or null (with the reason in the log).</summary>
    private JsValue Stat(JsValue[] arguments)
    {
        var path = ScriptArgs.String(ScriptEngine, arguments, 0, Function("Stat"), "path");
        var entry = Run("Stat", (vfs, token) => vfs.StatAsync(VfsPath.Normalize(path), token));
        return entry is null ? JsValue.Null : DirListItems.From(ScriptEngine, entry);
    }

    private JsValue Exists(JsValue[] arguments)
    {
        var path = ScriptArgs.String(ScriptEngine, arguments, 0, Function("Exists"), "path");
        if (_backend is null)
        {
            return Failed("Exists", "not connected (call Connect() first)");
        }

        var (found, error) = ScriptIo.Run(_stop, async token =>
        {
            try
            {
                await _backend.StatAsync(VfsPath.Normalize(path), token);
                return true;
            }
            catch (VfsException ex) when (!ex.Transient && ex.Message.Contains("no such file", StringComparison.Ordinal))
            {
                return false;
            }
        });
        return error is null ? found : Failed("Exists", error);
    }

    /// <summary><c>Upload(localGlob, remoteDir)</c>: the local files matching the mask in the last segment go into the remote folder.</summary>
    private JsValue Upload(JsValue[] arguments)
    {
        var glob = ScriptArgs.String(ScriptEngine, arguments, 0, Function("Upload"), "localGlob");
        var remoteFolder = ScriptArgs.String(ScriptEngine, arguments, 1, Function("Upload"), "remoteDir");
        var settings = Settings("Upload");
        using var local = LocalFiles.Open();
        var (folder, mask) = SplitGlob(LocalFiles.ToVfsPath(glob));
        return Transfer("Upload", glob, local, folder, mask, (vfs, entry) => (local, vfs, VfsPath.Join(VfsPath.Normalize(remoteFolder), entry.Name)), settings);
    }

    /// <summary><c>Download(remoteGlob, localDir)</c>: the remote files matching the mask in the last segment go into the local folder.</summary>
    private JsValue Download(JsValue[] arguments)
    {
        var glob = ScriptArgs.String(ScriptEngine, arguments, 0, Function("Download"), "remoteGlob");
        var localFolder = ScriptArgs.String(ScriptEngine, arguments, 1, Function("Download"), "localDir");
        var settings = Settings("Download");
        using var local = LocalFiles.Open();
        var (folder, mask) = SplitGlob(VfsPath.Normalize(glob));
        return Transfer("Download", glob, null, folder, mask, (vfs, entry) => (vfs, local, VfsPath.Join(LocalFiles.ToVfsPath(localFolder), entry.Name)), settings);
    }

    private JsValue Transfer(
        string function, string glob, IVfsBackend? sourceOverride, string folder, string mask,
        Func<IVfsBackend, VfsEntry, (IVfsBackend Source, IVfsBackend Target, string TargetPath)> route, TransferSettings settings)
    {
        var report = Run(function, async (vfs, token) =>
        {
            var source = sourceOverride ?? vfs;
            var matches = (await source.ListAsync(folder, token))
                .Where(entry => !entry.IsDir && FileSystemName.MatchesSimpleExpression(mask, entry.Name, ignoreCase: true))
                .OrderBy(entry => entry.Name, StringComparer.Ordinal)
                .ToList();
            if (matches.Count == 0)
            {
                _context.Environment.Log.Write(ScriptLogLevel.Warn, $"{Function(function)}: nothing matches '{glob}'");
            }

            var items = matches.Select(entry =>
            {
                var (from, to, path) = route(vfs, entry);
                return new TransferItem(from, entry, to, path);
            }).ToList();
            return await _transfer.CopyAsync(items, settings, token);
        });
        if (report is null)
        {
            return JsBoolean.False;
        }

        foreach (var (path, error) in report.Failures)
        {
            _context.Environment.Log.Write(ScriptLogLevel.Error, $"{Function(function)}: '{path}' failed: {error}");
        }

        return report.Ok;
    }

    private TransferSettings Settings(string function)
    {
        foreach (var option in Unsupported)
        {
            if (TypeConverter.ToBoolean(_options.Get(option)))
            {
                throw ScriptArgs.TypeError(ScriptEngine, $"{Function(function)}: Options.{option} is not supported by AFT");
            }
        }

        var upload = function == "Upload";
        return new TransferSettings
        {
            Policy = TransferPolicies.From(ScriptEngine, _options.Get(upload ? "UploadPolicy" : "DownloadPolicy"), Function(function)),
            Direct = !TypeConverter.ToBoolean(_options.Get(upload ? "UploadWithTempName" : "DownloadWithTempName")),
            DeleteSource = TypeConverter.ToBoolean(_options.Get(upload ? "DeleteSourceAfterUpload" : "DeleteSourceAfterDownload")),
            StopOnError = TypeConverter.ToBoolean(_options.Get("StopOnTransferError")),
        };
    }

    private static (string Folder, string Mask) SplitGlob(string path)
    {
        var name = VfsPath.Name(path);
        var folder = path[..^name.Length].TrimEnd('/');
        return (folder.Length == 0 ? VfsPath.Root : folder, name.Length == 0 ? "*" : name);
    }

    private static async Task<List<VfsEntry>> CollectAsync(IVfsBackend vfs, string folder, bool recursive, CancellationToken cancellationToken)
    {
        var found = new List<VfsEntry>();
        foreach (var entry in await vfs.ListAsync(folder, cancellationToken))
        {
            found.Add(entry);
            if (recursive && entry.IsDir && !entry.IsSymlink)
            {
                found.AddRange(await CollectAsync(vfs, entry.Path, recursive, cancellationToken));
            }
        }

        return found;
    }

    /// <summary>Runs an operation on the connected backend; on failure logs why and returns null.</summary>
    private T? Run<T>(string function, Func<IVfsBackend, CancellationToken, Task<T>> operation)
    {
        if (_backend is null)
        {
            Failed(function, "not connected (call Connect() first)");
            return default;
        }

        var backend = _backend;
        var (value, error) = ScriptIo.Run(_stop, token => operation(backend, token));
        if (error is not null)
        {
            Failed(function, error);
        }

        return value;
    }

    private JsBoolean Failed(string function, string error)
    {
        _context.Environment.Log.Write(ScriptLogLevel.Error, $"{Function(function)}: {error}");
        return JsBoolean.False;
    }

    private string? Property(string name)
    {
        var value = Get(name);
        return value.IsUndefined() || value.IsNull() ? null : TypeConverter.ToString(value) is { Length: > 0 } text ? text : null;
    }

    /// <summary>The <c>Options</c> object with the product's defaults (AFT writes under a temporary name unless told not to).</summary>
    private static JsObject DefaultOptions(Engine engine)
    {
        var options = new JsObject(engine);
        options.Set("UploadPolicy", (int)TransferPolicy.NeverOverwrite);
        options.Set("DownloadPolicy", (int)TransferPolicy.NeverOverwrite);
        options.Set("UploadWithTempName", true);
        options.Set("DownloadWithTempName", true);
        options.Set("DeleteSourceAfterUpload", false);
        options.Set("DeleteSourceAfterDownload", false);
        options.Set("StopOnTransferError", false);
        return options;
    }
}
