namespace Aft.Grains.Accounts;

/// <summary>The outcome of a sign-in: the account, or why there is none (a wrong name and a wrong password look the same).</summary>
public sealed record SignInResult(AdminAccount? Account, DateTimeOffset? LockedUntil)
{
    public static readonly SignInResult Failed = new(null, null);

    public bool Succeeded => Account is not null;

    public bool LockedOut => LockedUntil is not null;
}
