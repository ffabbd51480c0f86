namespace Aft.Scripting.Vfs.Connections;

/// <summary>
/// The connection leases and the health of one endpoint: at most <c>maxConnections</c> leases at once, each expiring
/// unless its holder renews it; after <see cref="VfsConnectionOptions.FailureThreshold"/> failed connects in a row
/// the endpoint fails fast for <see cref="VfsConnectionOptions.CoolDown"/>, then lets one trial connect through
/// (a circuit breaker). Thread-safe: the endpoint grain and <see cref="LocalEndpointGate"/> both use it.
/// </summary>
/// <param name="endpoint">The endpoint key.</param>
/// <param name="options">Failure threshold, cool-down and lease lifetime.</param>
/// <param name="clock">The time source.</param>
/// <param name="renewed">Whether holders renew their leases (across a cluster); if not, a lease lasts until it is released.</param>
public sealed class EndpointLeaseTable(string endpoint, VfsConnectionOptions options, TimeProvider clock, bool renewed = true)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, (string Holder, DateTimeOffset ExpiresAt)> _leases = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _maxConnections = VfsDefinitionOptions.DefaultMaxConnections;
    private int _waiting;
    private int _failures;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private DateTimeOffset? _lastConnectedAt;
    private DateTimeOffset? _failingUntil;
    private bool _probing;

    public string Endpoint => endpoint;

    /// <summary>Completes when a lease is given back or expires, or the health changes: waiters try again then.</summary>
    public Task Changed => _changed.Task;

    public LeaseDecision TryAcquire(string holder, int maxConnections)
    {
        lock (_sync)
        {
            return TryAcquireLocked(holder, maxConnections);
        }
    }

    private LeaseDecision TryAcquireLocked(string holder, int maxConnections)
    {
        _maxConnections = maxConnections;
        var now = clock.GetUtcNow();
        Expire(now);
        if (_failingUntil is { } until)
        {
            if (now < until || _probing)
            {
                return new LeaseDecision(LeaseOutcome.Failing, RetryAt: now < until ? until : now + options.CoolDown, LastError: FailingMessage(now));
            }
        }

        if (_leases.Count >= maxConnections)
        {
            return new LeaseDecision(LeaseOutcome.Full);
        }

        // Past the cool-down, one connect may try the endpoint; the others keep failing fast until it reports back.
        _probing = _failingUntil is not null;
        var id = Guid.NewGuid().ToString("N");
        _leases[id] = (holder, ExpiryFrom(now));
        return new LeaseDecision(LeaseOutcome.Granted, id);
    }

    /// <summary>Tries until granted, failing, or <paramref name="maxWait"/> is over (then <see cref="LeaseOutcome.Full"/>).</summary>
    public async Task<LeaseDecision> AcquireAsync(string holder, int maxConnections, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + maxWait;
        while (true)
        {
            var decision = TryAcquire(holder, maxConnections);
            var left = deadline - clock.GetUtcNow();
            if (decision.Outcome != LeaseOutcome.Full || left <= TimeSpan.Zero)
            {
                return decision;
            }

            Interlocked.Increment(ref _waiting);
            try
            {
                // Expiry is checked on each try, so wake up now and then even if nothing is given back.
                var nap = left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1);
                await Task.WhenAny(Changed, Task.Delay(nap, clock, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    /// <summary>
    /// Extends the holder's leases. A lease this table does not know (the grain moved to another silo and started
    /// empty) is taken back in if there is room. Returns whether others are waiting.
    /// </summary>
    public bool Renew(string holder, IEnumerable<string> leaseIds)
    {
        lock (_sync)
        {
            return RenewLocked(holder, leaseIds);
        }
    }

    private bool RenewLocked(string holder, IEnumerable<string> leaseIds)
    {
        var now = clock.GetUtcNow();
        Expire(now);
        foreach (var id in leaseIds)
        {
            if (_leases.ContainsKey(id) || _leases.Count < _maxConnections)
            {
                _leases[id] = (holder, ExpiryFrom(now));
            }
        }

        return _waiting > 0;
    }

    public void Release(string leaseId)
    {
        lock (_sync)
        {
            if (_leases.Remove(leaseId))
            {
                Signal();
            }
        }
    }

    /// <summary>Records a connect: null when it worked, else its error.</summary>
    public void ReportConnect(string? error)
    {
        lock (_sync)
        {
            ReportConnectLocked(error);
        }
    }

    private void ReportConnectLocked(string? error)
    {
        var now = clock.GetUtcNow();
        _probing = false;
        if (error is null)
        {
            _failures = 0;
            _failingUntil = null;
            _lastConnectedAt = now;
        }
        else
        {
            _failures++;
            _lastError = error;
            _lastErrorAt = now;
            if (_failures >= options.FailureThreshold)
            {
                _failingUntil = now + options.CoolDown;
            }
        }

        Signal();
    }

    public EndpointHealth Snapshot()
    {
        lock (_sync)
        {
            return SnapshotLocked();
        }
    }

    private EndpointHealth SnapshotLocked()
    {
        var now = clock.GetUtcNow();
        Expire(now);
        var state = _failingUntil is { } until
            ? now < until ? "failing" : "probing"
            : _failures > 0 ? "degraded" : "healthy";
        return new EndpointHealth(endpoint, state, _leases.Count, _maxConnections, _waiting, _failures, _lastError, _lastErrorAt,
            _lastConnectedAt, state == "failing" ? _failingUntil : null);
    }

    private string FailingMessage(DateTimeOffset now) =>
        LeaseDecision.FailingMessage(endpoint, _failures, _lastError, _failingUntil is { } until && until > now ? until : now + options.CoolDown, now);

    private DateTimeOffset ExpiryFrom(DateTimeOffset now) => renewed ? now + options.LeaseTimeToLive : DateTimeOffset.MaxValue;

    private void Expire(DateTimeOffset now)
    {
        var expired = _leases.Where(lease => lease.Value.ExpiresAt <= now).Select(lease => lease.Key).ToList();
        foreach (var id in expired)
        {
            _leases.Remove(id);
        }

        if (expired.Count > 0)
        {
            Signal();
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
