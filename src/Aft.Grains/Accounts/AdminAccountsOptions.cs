namespace Aft.Grains.Accounts;

/// <summary>Sign-in rules for the web UI's administrators (<c>Aft:Ui:Accounts</c>).</summary>
public sealed class AdminAccountsOptions
{
    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a locked account refuses every sign-in, the right password included.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public int MinPasswordLength { get; set; } = 12;
}
