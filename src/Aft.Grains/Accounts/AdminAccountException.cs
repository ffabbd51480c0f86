namespace Aft.Grains.Accounts;

/// <summary>A change to admin accounts that breaks a rule, with the form field it is about.</summary>
public sealed class AdminAccountException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
