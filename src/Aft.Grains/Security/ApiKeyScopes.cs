namespace Aft.Grains.Security;

/// <summary>What an API key may do. <see cref="Admin"/> includes the others.</summary>
public static class ApiKeyScopes
{
    public const string JobsRun = "jobs:run";
    public const string JobsRead = "jobs:read";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [JobsRun, JobsRead, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
