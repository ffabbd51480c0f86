namespace Aft.Grains.Storage;

/// <summary>
/// The database could not be reached (a PostgreSQL outage, a SQLite file locked for too long): nothing was stored,
/// and the caller may try again later. The API answers it with 503 and Retry-After. A type of AFT's own, so it
/// crosses grain calls as itself whatever driver failed.
/// </summary>
[GenerateSerializer]
public sealed class StoreUnavailableException(string message) : Exception(message)
{
    public const string DefaultMessage = "the store is unavailable; nothing was stored, try again shortly";

    public StoreUnavailableException()
        : this(DefaultMessage)
    {
    }
}
