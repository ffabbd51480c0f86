using Aft.Grains.Storage;
using Dapper;

namespace Aft.Silo;

/// <summary>
/// The silos of a PostgreSQL cluster that are running now, as Orleans' membership table shows them: active, with a
/// heartbeat in the last two minutes (silos write one every 30 s by default; a silo killed without a goodbye stays
/// "active" in the table until the others vote it dead, so the heartbeat's age is what tells).
/// </summary>
public static class LiveSilos
{
    private static readonly TimeSpan HeartbeatWindow = TimeSpan.FromMinutes(2);

    private const int ActiveStatus = 3;

    public static async Task<IReadOnlyList<string>> ListAsync(AppDatabase database)
    {
        await using var connection = await database.OpenReaderAsync();
        var silos = await connection.QueryAsync<string>(
            "SELECT SiloName || ' (' || Address || ':' || Port || ')' FROM OrleansMembershipTable WHERE Status = @active AND IAmAliveTime > @since ORDER BY SiloName",
            new { active = ActiveStatus, since = DateTime.UtcNow - HeartbeatWindow });
        return [.. silos];
    }
}
