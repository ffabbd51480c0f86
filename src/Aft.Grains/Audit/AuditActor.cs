namespace Aft.Grains.Audit;

/// <summary>
/// Who made a change: an API key (<see cref="ApiKey"/>, by id and name), an admin of the web UI (<see cref="Admin"/>),
/// or someone on the host itself
/// (<see cref="Host"/>: the CLI on the data dir while no service runs, named by the operating-system user; or
/// <c>aft run</c> over the owner-only local socket), or a schedule (<see cref="Schedule"/>) whose occurrence submitted a job.
/// </summary>
/// <param name="Address">The caller's IP address; <c>local socket</c> for the local socket; null for the CLI on the data dir.</param>
[GenerateSerializer, Immutable]
public sealed record AuditActor([property: Id(0)] string Kind, [property: Id(1)] string? Id, [property: Id(2)] string? Name, [property: Id(3)] string? Address)
{
    public const string ApiKeyKind = "apiKey";
    public const string HostKind = "host";
    public const string ScheduleKind = "schedule";
    public const string AdminKind = "admin";

    public static AuditActor ApiKey(string keyId, string keyName, string? address) => new(ApiKeyKind, keyId, keyName, address);

    public static AuditActor Admin(string accountId, string userName, string? address) => new(AdminKind, accountId, userName, address);

    public static AuditActor Host() => new(HostKind, null, Environment.UserName, null);

    public static AuditActor Schedule(string scheduleId, string scheduleName) => new(ScheduleKind, scheduleId, scheduleName, null);

    public static AuditActor LocalSocket() => new(HostKind, null, null, "local socket");
}
