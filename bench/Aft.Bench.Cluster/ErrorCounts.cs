namespace Aft.Bench.Cluster;

/// <summary>Submissions that were not accepted, counted by why (<see cref="JobRequests.SubmitAsync"/>'s reasons).</summary>
public sealed class ErrorCounts
{
    private readonly Dictionary<string, long> _byReason = [];

    public long Total
    {
        get
        {
            lock (_byReason)
            {
                return _byReason.Values.Sum();
            }
        }
    }

    /// <summary>Counts one error; a null reason (accepted) counts nothing.</summary>
    public void Add(string? reason)
    {
        if (reason is null)
        {
            return;
        }

        lock (_byReason)
        {
            _byReason[reason] = _byReason.GetValueOrDefault(reason) + 1;
        }
    }

    /// <summary>"0", or the total and each reason's count: "3 (HTTP 503 ×2, timeout ×1)".</summary>
    public override string ToString()
    {
        lock (_byReason)
        {
            return _byReason.Count == 0 ? "0" : $"{Total} ({string.Join(", ", _byReason.Select(reason => $"{reason.Key} ×{reason.Value}"))})";
        }
    }
}
