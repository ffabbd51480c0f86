using Aft.Grains.Storage;

namespace Aft.Grains.Jobs;

/// <summary>
/// The <c>jobs</c> table as the cluster's queue. A job waits in its row (queued, or retrying once its next attempt is
/// due) with no owner; a node with a free slot claims the oldest waiting jobs by writing its silo into <c>owner</c>,
/// then has each job's grain start it. Claims of all nodes are serialized by the store, so a script's max concurrency
/// holds across the cluster: a claim counts the jobs of that script that any node holds (claimed or running).
/// </summary>
/// <remarks>
/// Waiting jobs are read per lane, as the indexes hold them: one lane for the jobs of scripts without a limit, one
/// per script with a limit. A lane whose script is at its limit is skipped whole, so a backlog held back by its
/// script's limit costs nothing to skip, and the oldest job that may start is always found.
/// </remarks>
public sealed class JobClaims
{
    private const string Waiting = "owner IS NULL AND status IN ('queued', 'retrying')";
    private const string Due = "(next_attempt_at IS NULL OR next_attempt_at <= @now)";

    private readonly AppDatabase _database;
    private readonly string _waitingUnlimited;
    private readonly string _nextLimitedLane;
    private readonly string _waitingInLane;
    private readonly string _heldPerLimitedScript;

    public JobClaims(AppDatabase database)
    {
        _database = database;
        var unlimited = database.ThroughIndex("ix_jobs_waiting");
        var limited = database.ThroughIndex("ix_jobs_waiting_limited");
        var owned = database.ThroughIndex("ix_jobs_owned");
        _waitingUnlimited = $"SELECT id FROM jobs {unlimited} WHERE {Waiting} AND max_concurrency = 0 AND {Due} ORDER BY id LIMIT @limit";
        _nextLimitedLane = $"SELECT script_id FROM jobs {limited} WHERE {Waiting} AND max_concurrency > 0 AND script_id > @after ORDER BY script_id LIMIT 1";
        _waitingInLane = $"SELECT id, max_concurrency FROM jobs {limited} WHERE {Waiting} AND max_concurrency > 0 AND script_id = @script AND {Due} ORDER BY id LIMIT @limit";
        _heldPerLimitedScript = $"SELECT script_id, COUNT(*) FROM jobs {owned} WHERE owner IS NOT NULL AND max_concurrency > 0 GROUP BY script_id";
    }

    private const string Claim =
        "UPDATE jobs SET owner = @owner WHERE id = @id AND owner IS NULL AND status IN ('queued', 'retrying')";

    private const string Release =
        "UPDATE jobs SET owner = NULL WHERE id = @id AND owner = @owner AND status IN ('queued', 'retrying')";

    private const string ReleaseAll =
        "UPDATE jobs SET owner = NULL WHERE owner = @owner AND status IN ('queued', 'retrying')";

    /// <summary>
    /// Claims waiting jobs for <paramref name="silo"/>, oldest first, within their scripts' limits: up to
    /// <paramref name="slots"/> jobs of any script for its free slots, and up to <paramref name="ahead"/> more of scripts
    /// without a limit to start as its next slots free up (a job of a limited script claimed ahead would hold one of
    /// that script's runs while it waits). Returns their ids, oldest first (committed: the jobs are this silo's to start).
    /// </summary>
    public async Task<IReadOnlyList<string>> ClaimAsync(string silo, int slots, int ahead, DateTimeOffset now)
    {
        IReadOnlyList<string> claimed = [];
        await _database.ExecuteClaimAsync(session =>
        {
            var nowMs = UnixTime.ToMs(now);
            var held = ReadHeld(session);
            var candidates = ReadUnlimited(session, nowMs, slots + ahead);
            foreach (var script in ReadLimitedLanes(session))
            {
                candidates.AddRange(ReadLane(session, script, nowMs, slots));
            }

            var taken = new List<string>(slots + ahead);
            foreach (var candidate in candidates.OrderBy(candidate => candidate.JobId, StringComparer.Ordinal))
            {
                if (taken.Count == slots + ahead)
                {
                    break;
                }

                if (candidate.Script is { } script)
                {
                    var inUse = held.GetValueOrDefault(script);
                    if (taken.Count >= slots || inUse >= candidate.MaxConcurrency)
                    {
                        continue;
                    }

                    held[script] = inUse + 1;
                }

                if (session.Execute(Claim, ("@owner", silo), ("@id", candidate.JobId)) == 1)
                {
                    taken.Add(candidate.JobId);
                }
            }

            // Assigned last: should the batch be replayed item by item, this runs again from the start.
            claimed = taken;
        });
        return claimed;
    }

    /// <summary>Gives a claimed job back to the queue (its start failed); nothing happens once it has moved on.</summary>
    public Task ReleaseAsync(string jobId, string silo) =>
        _database.Writer.ExecuteAsync(session => session.Execute(Release, ("@id", jobId), ("@owner", silo)));

    /// <summary>Gives back every job <paramref name="silo"/> claimed and did not start (it stops, or it died).</summary>
    public async Task<int> ReleaseAllAsync(string silo)
    {
        var released = 0;
        await _database.Writer.ExecuteAsync(session => released = session.Execute(ReleaseAll, ("@owner", silo)));
        return released;
    }

    /// <summary>The jobs some silo holds (claimed or running), with that silo.</summary>
    public async Task<IReadOnlyList<HeldJob>> ListHeldAsync()
    {
        await using var connection = await _database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, owner, status FROM jobs WHERE owner IS NOT NULL";
        var held = new List<HeldJob>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            held.Add(new HeldJob(reader.GetString(0), reader.GetString(1), JobStatusNames.Parse(reader.GetString(2))));
        }

        return held;
    }

    private Dictionary<string, int> ReadHeld(WriteSession session)
    {
        var held = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = session.Command(_heldPerLimitedScript).ExecuteReader();
        while (reader.Read())
        {
            held[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return held;
    }

    private List<Candidate> ReadUnlimited(WriteSession session, long nowMs, int max)
    {
        var command = session.Command(_waitingUnlimited).Bind("@now", nowMs).Bind("@limit", max);
        var candidates = new List<Candidate>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            candidates.Add(new Candidate(reader.GetString(0), null, 0));
        }

        return candidates;
    }

    private List<string> ReadLimitedLanes(WriteSession session)
    {
        var lanes = new List<string>();
        var command = session.Command(_nextLimitedLane);
        var after = string.Empty;
        while (command.Bind("@after", after).ExecuteScalar() is string script)
        {
            lanes.Add(script);
            after = script;
        }

        return lanes;
    }

    private List<Candidate> ReadLane(WriteSession session, string script, long nowMs, int max)
    {
        var command = session.Command(_waitingInLane).Bind("@script", script).Bind("@now", nowMs).Bind("@limit", max);
        var candidates = new List<Candidate>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            candidates.Add(new Candidate(reader.GetString(0), script, reader.GetInt32(1)));
        }

        return candidates;
    }

    private sealed record Candidate(string JobId, string? Script, int MaxConcurrency);
}
