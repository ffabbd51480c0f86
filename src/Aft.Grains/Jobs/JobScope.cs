using System.Collections;

namespace Aft.Grains.Jobs;

/// <summary>
/// The logging scope of an attempt: whatever the host logs while the script runs carries the job's id and attempt
/// (as <c>JobId</c> and <c>Attempt</c> fields in JSON logs). Nothing else of the job goes in: never its parameters.
/// </summary>
internal sealed class JobScope(string jobId, int attempt) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("JobId", jobId),
        1 => new("Attempt", attempt),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"job {jobId} attempt {attempt}";
}
