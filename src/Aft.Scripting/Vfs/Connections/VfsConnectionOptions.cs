namespace Aft.Scripting.Vfs.Connections;

/// <summary>Connections to remote VFS endpoints: pooling, limits and health. Bound from <c>Aft:Vfs:Connections</c>.</summary>
public sealed class VfsConnectionOptions
{
    /// <summary>A pooled connection nobody used for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A pooled connection idle for longer than this is checked with a round trip before it is reused.</summary>
    public TimeSpan ProbeAfterIdle { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit on opening one connection (TCP, TLS and login).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit on one request to a server once connected (a listing, one chunk of a transfer).</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long an operation waits for a free connection when the endpoint's <c>maxConnections</c> are all in use.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Parts (S3) or blocks (Azure) of one large object-store write sent at once, within the endpoint's
    /// <c>maxConnections</c>. Each holds a part in memory (8 MiB or more), plus one being read.
    /// </summary>
    public int PartsInFlight { get; set; } = 4;

    /// <summary>Consecutive failed connects after which an endpoint fails fast for <see cref="CoolDown"/>.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>How long a failing endpoint refuses connects at once before one trial connect is let through.</summary>
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection lease not renewed for this long (its node died) is given back to the endpoint.</summary>
    public TimeSpan LeaseTimeToLive { get; set; } = TimeSpan.FromSeconds(60);
}
