using Aft.Grains.Storage;
using Dapper;

namespace Aft.Grains.Accounts;

/// <summary>
/// The rows of the web UI's administrators. User names are unique without regard to case. The rules (password
/// hashing, lockout, the last admin) are <see cref="AdminAccounts"/>'s; this only reads and writes.
/// </summary>
public sealed class AdminAccountStore(AppDatabase database)
{
    private const string Columns = "id, user_name, password_hash, security_stamp, failed_logins, locked_until, created_at, password_changed_at";

    public async Task<bool> AnyAsync()
    {
        await using var connection = await database.OpenReaderAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM admin_accounts") > 0;
    }

    public async Task<IReadOnlyList<AdminAccount>> ListAsync() =>
        [.. (await QueryAsync($"SELECT {Columns} FROM admin_accounts ORDER BY created_at", null)).Select(row => row.Account)];

    public async Task<(AdminAccount Account, string PasswordHash)?> FindByUserNameAsync(string userName) =>
        (await QueryAsync($"SELECT {Columns} FROM admin_accounts WHERE user_name_key = @key", new { key = Key(userName) })).SingleOrDefault() is { Account: not null } row
            ? (row.Account, row.PasswordHash) : null;

    public async Task<AdminAccount?> GetAsync(string id) =>
        (await QueryAsync($"SELECT {Columns} FROM admin_accounts WHERE id = @id", new { id })).SingleOrDefault().Account;

    /// <summary>
    /// Adds an account. With <paramref name="onlyIfNone"/> it is added only while there is no account at all, in the same
    /// statement, so two first-run wizards finishing at once make one admin. False when the name is taken (or, with
    /// <paramref name="onlyIfNone"/>, when an account exists).
    /// </summary>
    public async Task<bool> AddAsync(AdminAccount account, string passwordHash, bool onlyIfNone = false)
    {
        var added = 0;
        await database.Writer.ExecuteAsync(session => added = session.Execute($"""
            INSERT INTO admin_accounts ({Columns}, user_name_key)
            SELECT @id, @user_name, @hash, @stamp, 0, NULL, @created_at, @changed_at, @key
            WHERE NOT EXISTS (SELECT 1 FROM admin_accounts WHERE {(onlyIfNone ? "1 = 1" : "user_name_key = @key")})
            """,
            ("@id", account.Id), ("@user_name", account.UserName), ("@hash", passwordHash), ("@stamp", account.SecurityStamp),
            ("@created_at", UnixTime.ToMs(account.CreatedAt)), ("@changed_at", UnixTime.ToMs(account.PasswordChangedAt)), ("@key", Key(account.UserName))));
        return added > 0;
    }

    /// <summary>Counts a failed sign-in; locks the account until <paramref name="lockUntil"/> when the count reaches <paramref name="maxFailures"/>.</summary>
    public Task RecordFailedLoginAsync(string id, int maxFailures, DateTimeOffset lockUntil) =>
        database.Writer.ExecuteAsync(session => session.Execute("""
            UPDATE admin_accounts
            SET failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END,
                locked_until = CASE WHEN failed_logins + 1 >= @max THEN @until ELSE locked_until END
            WHERE id = @id
            """,
            ("@id", id), ("@max", (long)maxFailures), ("@until", UnixTime.ToMs(lockUntil))));

    public Task ClearFailedLoginsAsync(string id) =>
        database.Writer.ExecuteAsync(session => session.Execute(
            "UPDATE admin_accounts SET failed_logins = 0, locked_until = NULL WHERE id = @id", ("@id", id)));

    /// <summary>Sets a new password hash and security stamp, which ends the account's other sessions.</summary>
    public async Task<bool> SetPasswordAsync(string id, string passwordHash, string securityStamp, DateTimeOffset at)
    {
        var updated = 0;
        await database.Writer.ExecuteAsync(session => updated = session.Execute("""
            UPDATE admin_accounts SET password_hash = @hash, security_stamp = @stamp, password_changed_at = @at, failed_logins = 0, locked_until = NULL
            WHERE id = @id
            """,
            ("@id", id), ("@hash", passwordHash), ("@stamp", securityStamp), ("@at", UnixTime.ToMs(at))));
        return updated > 0;
    }

    /// <summary>Removes an account unless it is the last one (there is always an admin once the setup is done).</summary>
    public async Task<bool> DeleteUnlessLastAsync(string id)
    {
        var deleted = 0;
        await database.Writer.ExecuteAsync(session => deleted = session.Execute(
            "DELETE FROM admin_accounts WHERE id = @id AND (SELECT COUNT(*) FROM admin_accounts) > 1", ("@id", id)));
        return deleted > 0;
    }

    /// <summary>Removes every account (<c>aft reinit</c>); returns how many there were.</summary>
    public async Task<int> DeleteAllAsync()
    {
        var deleted = 0;
        await database.Writer.ExecuteAsync(session => deleted = session.Execute("DELETE FROM admin_accounts"));
        return deleted;
    }

    private static string Key(string userName) => userName.Trim().ToUpperInvariant();

    private async Task<IEnumerable<(AdminAccount Account, string PasswordHash)>> QueryAsync(string sql, object? parameters)
    {
        await using var connection = await database.OpenReaderAsync();
        var rows = await connection.QueryAsync<(string id, string user_name, string password_hash, string security_stamp, long failed_logins, long? locked_until, long created_at, long password_changed_at)>(sql, parameters);
        return rows.Select(row => (new AdminAccount(row.id, row.user_name, row.security_stamp, (int)row.failed_logins,
            row.locked_until is { } until ? UnixTime.FromMs(until) : null, UnixTime.FromMs(row.created_at), UnixTime.FromMs(row.password_changed_at)), row.password_hash));
    }
}
