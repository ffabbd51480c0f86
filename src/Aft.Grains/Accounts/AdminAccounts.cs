using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Accounts;

/// <summary>
/// The rules for the web UI's administrators: ASP.NET Core Identity's password hasher (PBKDF2 with a per-password salt,
/// rehashed when its parameters move on), lockout after repeated failures, a password policy, and always one admin.
/// </summary>
public sealed class AdminAccounts(AdminAccountStore store, IOptions<AdminAccountsOptions> options, TimeProvider clock)
{
    public const int MaxUserNameLength = 100;
    public const int MaxPasswordLength = 256;

    private readonly PasswordHasher<AdminAccount> _hasher = new();

    // A hash of a throwaway password, verified when the user name is unknown so that an unknown name and a wrong
    // password take the same time.
    private readonly Lazy<string> _decoyHash = new(() => new PasswordHasher<AdminAccount>().HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    public AdminAccountsOptions Options => options.Value;

    public Task<bool> AnyAsync() => store.AnyAsync();

    public Task<IReadOnlyList<AdminAccount>> ListAsync() => store.ListAsync();

    public Task<AdminAccount?> GetAsync(string id) => store.GetAsync(id);

    /// <summary>The first admin, made by the setup wizard; null when an admin exists already (someone finished first).</summary>
    public Task<AdminAccount?> CreateFirstAsync(string userName, string password) => CreateAsync(userName, password, onlyIfNone: true);

    /// <exception cref="AdminAccountException">The user name is taken or invalid, or the password too weak.</exception>
    public async Task<AdminAccount> AddAsync(string userName, string password) =>
        await CreateAsync(userName, password, onlyIfNone: false) ?? throw new AdminAccountException("userName", $"an admin named '{userName.Trim()}' exists already");

    public async Task<SignInResult> SignInAsync(string userName, string password)
    {
        var now = clock.GetUtcNow();
        if (await store.FindByUserNameAsync(userName) is not { } found)
        {
            _hasher.VerifyHashedPassword(null!, _decoyHash.Value, password);
            return SignInResult.Failed;
        }

        var (account, hash) = found;
        if (account.LockedUntil > now)
        {
            return new SignInResult(null, account.LockedUntil);
        }

        var verdict = _hasher.VerifyHashedPassword(account, hash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var lockUntil = now + Options.LockoutDuration;
            await store.RecordFailedLoginAsync(account.Id, Options.MaxFailedLogins, lockUntil);
            return account.FailedLogins + 1 >= Options.MaxFailedLogins ? new SignInResult(null, lockUntil) : SignInResult.Failed;
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await store.SetPasswordAsync(account.Id, _hasher.HashPassword(account, password), account.SecurityStamp, account.PasswordChangedAt);
        }

        if (account.FailedLogins > 0 || account.LockedUntil is not null)
        {
            await store.ClearFailedLoginsAsync(account.Id);
        }

        return new SignInResult(account, null);
    }

    /// <summary>Sets a new password after checking the current one; the account's other sessions end with it.</summary>
    /// <exception cref="AdminAccountException">The current password is wrong or the new one too weak.</exception>
    public async Task<AdminAccount> ChangePasswordAsync(string id, string currentPassword, string newPassword)
    {
        var account = await store.GetAsync(id) ?? throw new AdminAccountException("currentPassword", "this account no longer exists");
        var (_, hash) = (await store.FindByUserNameAsync(account.UserName))!.Value;
        if (_hasher.VerifyHashedPassword(account, hash, currentPassword) == PasswordVerificationResult.Failed)
        {
            throw new AdminAccountException("currentPassword", "the current password is not right");
        }

        CheckPassword(newPassword, "newPassword", account.UserName);
        var stamp = NewStamp();
        var now = clock.GetUtcNow();
        await store.SetPasswordAsync(id, _hasher.HashPassword(account, newPassword), stamp, now);
        return account with { SecurityStamp = stamp, PasswordChangedAt = now };
    }

    /// <exception cref="AdminAccountException">It is the last admin.</exception>
    public async Task<bool> RemoveAsync(string id)
    {
        if (await store.GetAsync(id) is null)
        {
            return false;
        }

        return await store.DeleteUnlessLastAsync(id) ? true : throw new AdminAccountException("id", "the last admin cannot be removed: add another one first");
    }

    private async Task<AdminAccount?> CreateAsync(string userName, string password, bool onlyIfNone)
    {
        userName = CheckUserName(userName);
        CheckPassword(password, "password", userName);
        var now = clock.GetUtcNow();
        var account = new AdminAccount(Guid.CreateVersion7().ToString("N"), userName, NewStamp(), 0, null, now, now);
        return await store.AddAsync(account, _hasher.HashPassword(account, password), onlyIfNone) ? account : null;
    }

    private static string CheckUserName(string? userName)
    {
        userName = userName?.Trim();
        if (string.IsNullOrEmpty(userName) || userName.Length > MaxUserNameLength || userName.Any(char.IsControl))
        {
            throw new AdminAccountException("userName", $"a user name is 1 to {MaxUserNameLength} characters");
        }

        return userName;
    }

    private void CheckPassword(string? password, string field, string userName)
    {
        if (string.IsNullOrEmpty(password) || password.Length < Options.MinPasswordLength || password.Length > MaxPasswordLength)
        {
            throw new AdminAccountException(field, $"a password is {Options.MinPasswordLength} to {MaxPasswordLength} characters");
        }

        if (string.Equals(password, userName, StringComparison.OrdinalIgnoreCase))
        {
            throw new AdminAccountException(field, "the password must not be the user name");
        }
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
