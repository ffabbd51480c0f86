using Aft.Scripting.Runtime;
using Aft.Scripting.Vfs.Disk;
using Aft.Scripting.Vfs.Transfers;
using Jint;
using Jint.Native;

namespace Aft.Scripting.Vfs.Script;

/// <summary>
/// One VirtualFS object in a script. Its members are the SyncJS VirtualFS methods and nothing else; the backend
/// stays on the host side, where other globals (CopyToVFS, HashFile) find it.
/// </summary>
public sealed class VirtualFsInstance : ScriptObject
{
    private const int FromStart = 0;
    private const int FromCurrent = 1;
    private const int FromEnd = 2;

    private readonly VfsOptions _options;
    private readonly VfsTransfer _transfer;
    private readonly CancellationToken _stop;

    internal VirtualFsInstance(ScriptContext context, string name, string type, IVfsBackend backend, VfsOptions options, VfsTransfer transfer)
        : base(context.Engine)
    {
        Backend = backend;
        _options = options;
        _transfer = transfer;
        _stop = context.Signals.Stop;

        Value("Name", name).Value("Type", type);
        Method("Stat", arguments => Describe(arguments, "Stat", (path, token) => Backend.StatAsync(path, token)), 1);
        Method("Lstat", arguments => Describe(arguments, "Lstat", (path, token) => Backend.LstatAsync(path, token)), 1);
        Method("ReadDir", ReadDir, 3);
        Method("Mkdir", arguments => OnPath(arguments, "Mkdir", (path, token) => Backend.MkdirAsync(path, parents: false, token)), 1);
        Method("MkdirAll", arguments => OnPath(arguments, "MkdirAll", (path, token) => Backend.MkdirAsync(path, parents: true, token)), 1);
        Method("Rmdir", arguments => OnPath(arguments, "Rmdir", (path, token) => Backend.RmdirAsync(path, token)), 1);
        Method("Remove", arguments => OnPath(arguments, "Remove", (path, token) => Backend.RemoveAsync(path, recursive: false, token)), 1);
        Method("RemoveAll", arguments => OnPath(arguments, "RemoveAll", (path, token) => Backend.RemoveAsync(path, recursive: true, token)), 1);
        Method("Rename", arguments => OnTwoPaths(arguments, "Rename", "target", (source, target, token) => Backend.RenameAsync(source, target, token)), 2);
        Method("Symlink", arguments => OnTwoPaths(arguments, "Symlink", "linkFile", (target, link, token) => Backend.SymlinkAsync(target, link, token)), 2);
        Method("Chmod", Chmod, 2);
        Method("Chtimes", Chtimes, 3);
        Method("Truncate", Truncate, 2);
        Method("TreeSize", TreeSize, 1);
        Method("ReadFileAsText", arguments => ReadFile(arguments, "ReadFileAsText", data => new JsString(System.Text.Encoding.UTF8.GetString(data)), JsString.Empty), 4);
        Method("ReadFileAsHex", arguments => ReadFile(arguments, "ReadFileAsHex", data => new JsString(Convert.ToHexStringLower(data)), JsString.Empty), 4);
        Method("ReadFileAsBytes", arguments => ReadFile(arguments, "ReadFileAsBytes", data => ScriptBytes.ToUint8Array(ScriptEngine, data), ScriptBytes.ToUint8Array(ScriptEngine, [])), 4);
        Method("WriteFileAsText", arguments => WriteFile(arguments, "WriteFileAsText", data => data.IsString() ? System.Text.Encoding.UTF8.GetBytes(data.AsString()) : null), 2);
        Method("WriteFileAsHex", arguments => WriteFile(arguments, "WriteFileAsHex", data => data.IsString() ? ScriptBytes.FromHex(ScriptEngine, data.AsString(), "WriteFileAsHex") : null), 2);
        Method("WriteFileAsBytes", arguments => WriteFile(arguments, "WriteFileAsBytes", data => ScriptBytes.FromScript(ScriptEngine, data, "WriteFileAsBytes")), 2);
        Method("ImportFile", ImportFile, 2);
        Method("ExportFile", ExportFile, 2);
        Method("CopyToVFS", arguments => Transfer(arguments, "CopyToVFS", move: false), 4);
        Method("MoveToVFS", arguments => Transfer(arguments, "MoveToVFS", move: true), 4);
    }

    internal IVfsBackend Backend { get; }

    private string PathArgument(JsValue[] arguments, int index, string function, string parameter = "path") =>
        ScriptArgs.String(ScriptEngine, arguments, index, "VirtualFS." + function, parameter);

    private ScriptObject Done(string? error) => ScriptResults.Base(ScriptEngine, error);

    private ScriptObject OnPath(JsValue[] arguments, string function, Func<string, CancellationToken, Task> operation)
    {
        var path = PathArgument(arguments, 0, function);
        return Done(ScriptIo.Run(_stop, token => operation(VfsPath.Normalize(path), token)));
    }

    private ScriptObject OnTwoPaths(JsValue[] arguments, string function, string second, Func<string, string, CancellationToken, Task> operation)
    {
        var first = PathArgument(arguments, 0, function);
        var other = PathArgument(arguments, 1, function, second);
        return Done(ScriptIo.Run(_stop, token => operation(VfsPath.Normalize(first), VfsPath.Normalize(other), token)));
    }

    private ScriptObject Describe(JsValue[] arguments, string function, Func<string, CancellationToken, Task<VfsEntry>> operation)
    {
        var path = PathArgument(arguments, 0, function);
        var (entry, error) = ScriptIo.Run(_stop, token => operation(VfsPath.Normalize(path), token));
        return ScriptResults.With(ScriptEngine, error, "Info", entry is null ? JsValue.Null : DirListItems.From(ScriptEngine, entry));
    }

    private ScriptObject ReadDir(JsValue[] arguments)
    {
        var path = PathArgument(arguments, 0, "ReadDir");
        var sortBy = ScriptArgs.OptionalString(ScriptEngine, arguments, 1, "VirtualFS.ReadDir", "sortBy") ?? DirSort.ByName;
        var direction = ScriptArgs.OptionalString(ScriptEngine, arguments, 2, "VirtualFS.ReadDir", "sortDir") ?? DirSort.Ascending;
        if (!DirSort.IsKnown(sortBy, direction))
        {
            throw ScriptArgs.TypeError(ScriptEngine, $"VirtualFS.ReadDir: unknown order '{sortBy}' '{direction}' (use the SortBy* and Sort* constants)");
        }

        var (entries, error) = ScriptIo.Run(_stop, token => Backend.ListAsync(VfsPath.Normalize(path), token));
        return ScriptResults.With(ScriptEngine, error, "Infos", DirListItems.From(ScriptEngine, DirSort.Apply(entries ?? [], sortBy, direction)));
    }

    private ScriptObject Chmod(JsValue[] arguments)
    {
        var path = PathArgument(arguments, 0, "Chmod");
        var mode = ScriptArgs.At(arguments, 1);
        var bits = mode.IsNumber() ? (int)mode.AsNumber()
            : mode.IsString() && TryParseOctal(mode.AsString(), out var parsed) ? parsed
            : throw ScriptArgs.TypeError(ScriptEngine, "VirtualFS.Chmod: mode must be a number or an octal string such as \"0644\"");
        return Done(ScriptIo.Run(_stop, token => Backend.ChmodAsync(VfsPath.Normalize(path), bits, token)));
    }

    private ScriptObject Chtimes(JsValue[] arguments)
    {
        var path = PathArgument(arguments, 0, "Chtimes");
        var accessTime = ScriptArgs.Time(ScriptEngine, arguments, 1, "VirtualFS.Chtimes", "atime");
        var modificationTime = ScriptArgs.Time(ScriptEngine, arguments, 2, "VirtualFS.Chtimes", "mtime");
        return Done(ScriptIo.Run(_stop, token => Backend.ChtimesAsync(VfsPath.Normalize(path), accessTime, modificationTime, token)));
    }

    private ScriptObject Truncate(JsValue[] arguments)
    {
        var path = PathArgument(arguments, 0, "Truncate");
        var size = ScriptArgs.Number(ScriptEngine, arguments, 1, "VirtualFS.Truncate", "size");
        if (size < 0)
        {
            throw ScriptArgs.TypeError(ScriptEngine, "VirtualFS.Truncate: size must not be negative");
        }

        return Done(ScriptIo.Run(_stop, token => Backend.TruncateAsync(VfsPath.Normalize(path), (long)size, token)));
    }

    private ScriptObject TreeSize(JsValue[] arguments)
    {
        var path = PathArgument(arguments, 0, "TreeSize");
        var (size, error) = ScriptIo.Run(_stop, token => Backend.TreeSizeAsync(VfsPath.Normalize(path), token));
        return ScriptResults.With(ScriptEngine, error, "Size", size);
    }

    private ScriptObject ReadFile(JsValue[] arguments, string function, Func<byte[], JsValue> present, JsValue empty)
    {
        var path = PathArgument(arguments, 0, function);
        var length = (long)ScriptArgs.OptionalNumber(ScriptEngine, arguments, 1, "VirtualFS." + function, "length", 0);
        var offset = (long)ScriptArgs.OptionalNumber(ScriptEngine, arguments, 2, "VirtualFS." + function, "offset", 0);
        var whence = (int)ScriptArgs.OptionalNumber(ScriptEngine, arguments, 3, "VirtualFS." + function, "whence", FromStart);
        if (whence is not (FromStart or FromCurrent or FromEnd) || length < 0)
        {
            throw ScriptArgs.TypeError(ScriptEngine, $"VirtualFS.{function}: whence must be FromStart, FromCurrent or FromEnd and length must not be negative");
        }

        var (data, error) = ScriptIo.Run(_stop, async token =>
        {
            var normalized = VfsPath.Normalize(path);
            var entry = await Backend.StatAsync(normalized, token);
            if (entry.IsDir)
            {
                throw new VfsException($"'{normalized}' is a directory");
            }

            // A fresh read has no current position, so FromCurrent counts from the start like FromStart.
            var start = whence == FromEnd ? entry.Size + offset : offset;
            if (start < 0 || start > entry.Size)
            {
                throw new VfsException($"offset {start} is outside '{normalized}' ({entry.Size} bytes)");
            }

            var count = length > 0 ? Math.Min(length, entry.Size - start) : entry.Size - start;
            if (count > _options.MaxReadBytes)
            {
                throw new VfsException($"'{normalized}' is too large to read into the script ({count} bytes, the limit is {_options.MaxReadBytes}); use ExportFile or CopyToVFS");
            }

            var buffer = new byte[count];
            await using var stream = await Backend.OpenReadAsync(normalized, start, token);
            await stream.ReadExactlyAsync(buffer, token);
            return buffer;
        });
        return ScriptResults.With(ScriptEngine, error, "Data", data is null ? empty : present(data));
    }

    private ScriptObject WriteFile(JsValue[] arguments, string function, Func<JsValue, byte[]?> decode)
    {
        var path = PathArgument(arguments, 0, function);
        var data = decode(ScriptArgs.At(arguments, 1))
            ?? throw ScriptArgs.TypeError(ScriptEngine, $"VirtualFS.{function}: data must be a string");
        return Done(ScriptIo.Run(_stop, token => Backend.WriteAsync(VfsPath.Normalize(path), VfsContent.FromBytes(data), VfsWriteOptions.Default, token)).Error);
    }

    private ScriptObject ImportFile(JsValue[] arguments)
    {
        var localPath = ScriptArgs.String(ScriptEngine, arguments, 0, "VirtualFS.ImportFile", "localPath");
        var vfsPath = PathArgument(arguments, 1, "ImportFile", "vfsPath");
        return Done(ScriptIo.Run(_stop, async token =>
        {
            using var local = LocalFiles.Open();
            var entry = await local.StatAsync(LocalFiles.ToVfsPath(localPath), token);
            return await CopyOneAsync(new TransferItem(local, entry, Backend, VfsPath.Normalize(vfsPath)), token);
        }).Error);
    }

    private ScriptObject ExportFile(JsValue[] arguments)
    {
        var vfsPath = PathArgument(arguments, 0, "ExportFile", "vfsPath");
        var localPath = ScriptArgs.String(ScriptEngine, arguments, 1, "VirtualFS.ExportFile", "localPath");
        return Done(ScriptIo.Run(_stop, async token =>
        {
            var entry = await Backend.StatAsync(VfsPath.Normalize(vfsPath), token);
            var target = Directory.Exists(localPath) ? Path.Join(localPath, entry.Name) : localPath;
            using var local = LocalFiles.Open();
            return await CopyOneAsync(new TransferItem(Backend, entry, local, LocalFiles.ToVfsPath(target)), token);
        }).Error);
    }

    private async Task<bool> CopyOneAsync(TransferItem item, CancellationToken cancellationToken)
    {
        if (item.SourceEntry.IsDir)
        {
            throw new VfsException($"'{item.SourceEntry.Path}' is a directory");
        }

        var report = await _transfer.CopyAsync([item], new TransferSettings(), cancellationToken);
        return report.Ok ? true : throw new VfsException(report.Error!);
    }

    /// <summary><c>CopyToVFS(srcPath, dstVfs, dstDir, policy?)</c>: without a policy an existing file is replaced.</summary>
    private ScriptObject Transfer(JsValue[] arguments, string function, bool move)
    {
        var sourcePath = PathArgument(arguments, 0, function, "srcPath");
        var destination = ScriptArgs.At(arguments, 1) as VirtualFsInstance
            ?? throw ScriptArgs.TypeError(ScriptEngine, $"VirtualFS.{function}: dstVfs must be a VirtualFS object");
        var destinationDirectory = PathArgument(arguments, 2, function, "dstDir");
        var policy = TransferPolicies.Argument(ScriptEngine, arguments, 3, $"VirtualFS.{function}") ?? TransferPolicy.AlwaysOverwrite;
        return Done(ScriptIo.Run(_stop, async token =>
        {
            var source = VfsPath.Normalize(sourcePath);
            if (source == VfsPath.Root)
            {
                throw new VfsException($"{function} cannot copy the root of a VFS; name a file or folder below it");
            }

            var settings = new TransferSettings { Policy = policy, DeleteSource = move };
            var report = await _transfer.CopyIntoAsync(Backend, source, destination.Backend, VfsPath.Normalize(destinationDirectory), settings, token);
            return report.Ok ? true : throw new VfsException(report.Error!);
        }).Error);
    }

    private static bool TryParseOctal(string text, out int value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var digit in text)
        {
            if (digit is < '0' or > '7')
            {
                return false;
            }

            value = (value * 8) + (digit - '0');
        }

        return true;
    }
}
