using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Aft.Scripting.Vfs.Transfers;

/// <summary>
/// Moves files between two backends: streamed (never held whole in memory or staged on disk), into destination
/// folders it creates when missing, by the transfer policy, with passing failures retried and resumed where the
/// destination can resume, and each file verified (size always; MD5 where a side keeps one) before it counts as
/// done. Folder trees are listed first, then their files go several at a time.
/// </summary>
public sealed class VfsTransfer(VfsOptions options, TransferProgress progress, IScriptLog log, TransferMetrics? metrics = null)
{
    /// <summary>
    /// Copies <paramref name="sourcePath"/> (a file, or a folder with everything below it) into the folder
    /// <paramref name="targetFolder"/>, where it keeps its name.
    /// </summary>
    public async Task<TransferReport> CopyIntoAsync(
        IVfsBackend source, string sourcePath, IVfsBackend target, string targetFolder, TransferSettings settings, CancellationToken cancellationToken)
    {
        var root = await source.StatAsync(sourcePath, cancellationToken);
        var targetPath = VfsPath.Join(targetFolder, VfsPath.Name(sourcePath));
        if (!root.IsDir)
        {
            return await CopyAsync([new TransferItem(source, root, target, targetPath)], settings, cancellationToken);
        }

        // The whole tree is listed before anything is written, so copying a folder into itself terminates.
        var folders = new List<string>();
        var files = new List<TransferItem>();
        await CollectAsync(source, sourcePath, target, targetPath, folders, files, cancellationToken);

        // Folders are made even on object stores, where a folder is a marker: an empty folder of the tree stays visible.
        await target.MkdirAsync(targetPath, parents: true, cancellationToken);
        foreach (var folder in folders)
        {
            await target.MkdirAsync(folder, parents: true, cancellationToken);
        }

        var report = await CopyAsync(files, settings, cancellationToken, foldersKnown: true);
        if (settings.DeleteSource && report.Ok && report.Skipped == 0)
        {
            await source.RemoveAsync(sourcePath, recursive: true, cancellationToken);
        }

        return report;
    }

    /// <summary>Copies each item to its own target path.</summary>
    public Task<TransferReport> CopyAsync(IReadOnlyList<TransferItem> items, TransferSettings settings, CancellationToken cancellationToken) =>
        CopyAsync(items, settings, cancellationToken, foldersKnown: false);

    private async Task<TransferReport> CopyAsync(
        IReadOnlyList<TransferItem> items, TransferSettings settings, CancellationToken cancellationToken, bool foldersKnown)
    {
        using var activity = TransferMetrics.StartTransfer(items);
        progress.Plan(items.Count, items.Sum(item => item.SourceEntry.Size));
        var transferred = 0;
        var skipped = 0;
        long bytes = 0;
        var failures = new List<(string Path, string Error)>();
        var folders = new FolderCache(foldersKnown);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism(items), CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(items, parallel, async (item, token) =>
            {
                var file = progress.Start(item.SourceEntry.Path);
                try
                {
                    var outcome = await CopyFileAsync(item, settings, folders, file, token);
                    lock (failures)
                    {
                        if (outcome == FileOutcome.Skipped)
                        {
                            skipped++;
                        }
                        else
                        {
                            transferred++;
                            bytes += item.SourceEntry.Size;
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    file.Failed(item.SourceEntry.Size);
                    lock (failures)
                    {
                        failures.Add((item.SourceEntry.Path, ex.Message));
                    }

                    if (settings.StopOnError)
                    {
                        await stop.CancelAsync();
                    }
                }
                catch
                {
                    file.Failed(item.SourceEntry.Size);
                    throw;
                }
            });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // StopOnError cancelled the files still to go; the failure that stopped them is reported.
        }

        if (failures.Count > 0)
        {
            activity?.SetStatus(ActivityStatusCode.Error, $"{failures.Count} of {items.Count} files failed");
        }

        return new TransferReport(transferred, skipped, bytes, failures);
    }

    private async Task<FileOutcome> CopyFileAsync(TransferItem item, TransferSettings settings, FolderCache folders, FileProgress file, CancellationToken cancellationToken)
    {
        var (source, entry, target, targetPath) = item;
        if (settings.Policy != TransferPolicy.AlwaysOverwrite && await ExistingAsync(target, targetPath, cancellationToken) is { } existing
            && !Replaces(settings.Policy, entry, existing))
        {
            log.Write(ScriptLogLevel.Debug, $"'{entry.Path}' not copied: '{targetPath}' exists ({settings.Policy})");
            file.Skipped(entry.Size);
            return FileOutcome.Skipped;
        }

        await folders.EnsureAsync(target, ParentOf(targetPath), cancellationToken);
        var writeOptions = new VfsWriteOptions
        {
            Direct = settings.Direct,
            ResumeKey = target.Capabilities.HasFlag(VfsCapabilities.Resume) && !settings.Direct && entry.Size >= options.ResumeMinimumBytes
                ? ResumeKey(entry)
                : null,
        };
        var hash = entry.Md5 is not null || target.Capabilities.HasFlag(VfsCapabilities.ContentMd5);

        for (var attempt = 1; ; attempt++)
        {
            MeteredStream? read = null;
            var content = VfsContent.From(entry.Size, async (offset, token) =>
            {
                var stream = await source.OpenReadAsync(entry.Path, offset, token);
                file.At(offset);
                read = new MeteredStream(stream, file, offset, hash && offset == 0);
                return read;
            });

            try
            {
                var result = await target.WriteAsync(targetPath, content, writeOptions, cancellationToken);
                await VerifyAsync(source, entry, target, targetPath, result, read, cancellationToken);
                break;
            }
            catch (Exception ex) when (attempt <= options.TransferRetries && IsPassing(ex) && !cancellationToken.IsCancellationRequested)
            {
                var delay = RetryDelay(attempt);
                log.Write(ScriptLogLevel.Warn,
                    $"transfer of '{entry.Path}' interrupted ({ex.Message}); trying again in {delay.TotalSeconds:0.#} s ({attempt} of {options.TransferRetries})");
                await Task.Delay(delay, cancellationToken);
            }
        }

        file.Completed(entry.Size);
        metrics?.FileTransferred(item);
        if (settings.DeleteSource)
        {
            await source.RemoveAsync(entry.Path, recursive: false, cancellationToken);
        }

        return FileOutcome.Transferred;
    }

    /// <summary>Size always; MD5 when the whole content passed through here and a side keeps an MD5 to compare with.</summary>
    private static async Task VerifyAsync(
        IVfsBackend source, VfsEntry entry, IVfsBackend target, string targetPath, VfsWriteResult result, MeteredStream? read, CancellationToken cancellationToken)
    {
        if (result.Length != entry.Size)
        {
            throw new VfsException($"'{entry.Path}' was not copied whole: {result.Length} of {entry.Size} bytes arrived (did the source change while it was read?)");
        }

        if (read?.Md5 is not { } sent || result.ResumedFrom != 0)
        {
            return;
        }

        if (entry.Md5 is { } recorded && !recorded.Equals(sent, StringComparison.OrdinalIgnoreCase) && !await SourceVouchesForAsync(source, entry, sent, cancellationToken))
        {
            await target.RemoveAsync(targetPath, recursive: false, cancellationToken);
            throw new VfsException($"'{entry.Path}' did not read back as stored: its MD5 is {recorded} at the source, {sent} as read");
        }

        if (result.Md5 is { } stored && !stored.Equals(sent, StringComparison.OrdinalIgnoreCase))
        {
            await target.RemoveAsync(targetPath, recursive: false, cancellationToken);
            throw new VfsException($"'{targetPath}' was corrupted on the way: MD5 {stored} stored, {sent} sent");
        }
    }

    /// <summary>
    /// A listing's MD5 is not always one: S3 lists the ETag of an SSE-KMS object like a plain MD5, and only the object's
    /// own HEAD says it is encrypted. So before a mismatch fails the copy, the source's stat of the object decides:
    /// the same size and either no MD5 to trust (the size check stands alone) or the MD5 that was read.
    /// </summary>
    private static async Task<bool> SourceVouchesForAsync(IVfsBackend source, VfsEntry entry, string read, CancellationToken cancellationToken)
    {
        var current = await source.StatAsync(entry.Path, cancellationToken);
        return current.Size == entry.Size && (current.Md5 is null || current.Md5.Equals(read, StringComparison.OrdinalIgnoreCase));
    }

    private int Parallelism(IReadOnlyList<TransferItem> items)
    {
        var limit = Math.Max(1, options.ParallelTransfers);
        foreach (var (source, target) in items.Select(item => (item.Source, item.Target)).Distinct())
        {
            // A copy between two VFSs on one server holds a connection at each end of every file in flight.
            var sameEndpoint = source.Endpoint is { } from && target.Endpoint is { } to && from.Key == to.Key;
            var connections = sameEndpoint ? Math.Min(source.MaxConnections, target.MaxConnections) / 2 : Math.Min(source.MaxConnections, target.MaxConnections);
            limit = Math.Min(limit, Math.Max(1, connections));
        }

        return limit;
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var full = options.TransferRetryDelay * Math.Pow(2, attempt - 1);
        return full / 2 + full / 2 * Random.Shared.NextDouble();
    }

    private static bool IsPassing(Exception exception) => exception switch
    {
        VfsException vfs => vfs.Transient,
        TimeoutException or System.Net.Sockets.SocketException => true,
        _ => false,
    };

    private static bool Replaces(TransferPolicy policy, VfsEntry source, VfsEntry existing) => policy switch
    {
        TransferPolicy.NeverOverwrite => false,
        TransferPolicy.OverwriteIfDiffSize => source.Size != existing.Size,
        TransferPolicy.OverwriteIfNewer => source.ModTime > existing.ModTime,
        _ => true,
    };

    private static async Task<VfsEntry?> ExistingAsync(IVfsBackend target, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await target.StatAsync(path, cancellationToken);
        }
        catch (VfsException ex) when (!ex.Transient)
        {
            return null;
        }
    }

    /// <summary>
    /// Names the source version, so a later try can tell a partial copy of this very content from one of an
    /// older version of the file.
    /// </summary>
    private static string ResumeKey(VfsEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{entry.Path}\n{entry.Size}\n{entry.ModTime.UtcTicks}\n{entry.Md5}")))[..16];

    private static string ParentOf(string path) => path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : VfsPath.Root;

    private static async Task CollectAsync(
        IVfsBackend source, string directory, IVfsBackend target, string targetDirectory, List<string> folders, List<TransferItem> files, CancellationToken cancellationToken)
    {
        foreach (var entry in (await source.ListAsync(directory, cancellationToken)).OrderBy(entry => entry.Name, StringComparer.Ordinal))
        {
            var to = VfsPath.Join(targetDirectory, entry.Name);
            if (entry.IsDir && entry.IsSymlink)
            {
                // Linked folders are not descended: they may loop back into the tree.
                continue;
            }

            if (entry.IsDir)
            {
                folders.Add(to);
                await CollectAsync(source, entry.Path, target, to, folders, files, cancellationToken);
            }
            else
            {
                files.Add(new TransferItem(source, entry, target, to));
            }
        }
    }

    private enum FileOutcome
    {
        Transferred,
        Skipped,
    }

    /// <summary>The destination folders known to exist in one transfer call, so each is created (or checked) once.</summary>
    private sealed class FolderCache(bool allKnown)
    {
        private readonly HashSet<(IVfsBackend, string)> _known = [];

        public async Task EnsureAsync(IVfsBackend target, string folder, CancellationToken cancellationToken)
        {
            if (allKnown || folder == VfsPath.Root || !target.Capabilities.HasFlag(VfsCapabilities.Folders))
            {
                return;
            }

            lock (_known)
            {
                if (_known.Contains((target, folder)))
                {
                    return;
                }
            }

            await target.MkdirAsync(folder, parents: true, cancellationToken);
            lock (_known)
            {
                _known.Add((target, folder));
            }
        }
    }
}
