using System.Text.Json;
using Aft.Scripting.Vfs.Transfers;
using MessagePack;

namespace Aft.Grains.Jobs;

/// <summary>
/// How far a job's transfers got: live while an attempt runs (read from the executor, never stored per update),
/// and the final counts of its last attempt that moved files once it has ended.
/// </summary>
[GenerateSerializer, Immutable, MessagePackObject]
public sealed record JobProgress
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Id(0), Key(0)] public long BytesDone { get; init; }
    [Id(1), Key(1)] public long BytesTotal { get; init; }
    [Id(2), Key(2)] public int FilesDone { get; init; }
    [Id(3), Key(3)] public int FilesTotal { get; init; }
    [Id(4), Key(4)] public int FilesSkipped { get; init; }
    [Id(5), Key(5)] public int FilesFailed { get; init; }
    [Id(6), Key(6)] public string? CurrentFile { get; init; }
    [Id(7), Key(7)] public double BytesPerSecond { get; init; }
    [Id(8), Key(8)] public double? EtaSeconds { get; init; }
    [Id(9), Key(9)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The counters of a run, or null when it moved no files.</summary>
    public static JobProgress? From(TransferProgress progress)
    {
        if (!progress.HasActivity)
        {
            return null;
        }

        var snapshot = progress.Snapshot();
        return new JobProgress
        {
            BytesDone = snapshot.BytesDone,
            BytesTotal = snapshot.BytesTotal,
            FilesDone = snapshot.FilesDone,
            FilesTotal = snapshot.FilesTotal,
            FilesSkipped = snapshot.FilesSkipped,
            FilesFailed = snapshot.FilesFailed,
            CurrentFile = snapshot.CurrentFile,
            BytesPerSecond = snapshot.BytesPerSecond,
            EtaSeconds = snapshot.EtaSeconds,
            UpdatedAt = snapshot.UpdatedAt,
        };
    }

    /// <summary>The ended form: nothing in flight any more.</summary>
    public JobProgress Final() => this with { CurrentFile = null, BytesPerSecond = 0, EtaSeconds = null };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static JobProgress? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<JobProgress>(json, Json);
}
