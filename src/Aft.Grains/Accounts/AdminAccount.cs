namespace Aft.Grains.Accounts;

/// <summary>An administrator of the web UI. The password hash never leaves <see cref="AdminAccountStore"/> and <see cref="AdminAccounts"/>.</summary>
/// <param name="SecurityStamp">Changes with the password: a session carries the stamp it was signed in with and ends when it no longer matches.</param>
public sealed record AdminAccount(
    string Id,
    string UserName,
    string SecurityStamp,
    int FailedLogins,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset PasswordChangedAt);
