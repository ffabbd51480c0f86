using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Aft.Scripting.Vfs.Transfers;

/// <summary>
/// What transfers moved, on the host's "Aft" meter (the one <c>Aft.Grains.Telemetry.AftMetrics</c> holds; a meter
/// factory hands both the same meter) and traced on its "Aft" activity source. Each file that arrived counts twice:
/// once read from its source's VFS type, once written to its target's, so either direction alone sums what moved.
/// </summary>
public sealed class TransferMetrics
{
    /// <summary>The name of AFT's meter and activity source, which the host exports.</summary>
    public const string Name = "Aft";

    /// <summary>Local files (and test backends) have no endpoint: they are the machine's disk.</summary>
    private const string LocalType = "disk";

    private static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _bytes;
    private readonly Counter<long> _files;

    public TransferMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _bytes = meter.CreateCounter<long>("aft.vfs.transferred", "By", "Bytes of files transferred, by VFS type and direction (read from, written to)");
        _files = meter.CreateCounter<long>("aft.vfs.files", "{file}", "Files transferred, by VFS type and direction (read from, written to)");
    }

    /// <summary>A span for one transfer call (a file, a folder tree, a client's upload or download); null when nobody listens.</summary>
    public static Activity? StartTransfer(IReadOnlyList<TransferItem> items)
    {
        var activity = Source.StartActivity("vfs.transfer");
        if (activity is not null && items.Count > 0)
        {
            activity.SetTag("aft.vfs.source_type", TypeOf(items[0].Source));
            activity.SetTag("aft.vfs.target_type", TypeOf(items[0].Target));
            activity.SetTag("aft.vfs.files", items.Count);
        }

        return activity;
    }

    public void FileTransferred(TransferItem item)
    {
        var bytes = item.SourceEntry.Size;
        var read = new TagList { { "vfs_type", TypeOf(item.Source) }, { "direction", "read" } };
        var written = new TagList { { "vfs_type", TypeOf(item.Target) }, { "direction", "write" } };
        _bytes.Add(bytes, read);
        _bytes.Add(bytes, written);
        _files.Add(1, read);
        _files.Add(1, written);
    }

    private static string TypeOf(IVfsBackend backend) => backend.Endpoint?.Type.ToLowerInvariant() ?? LocalType;
}
