using Aft.Grains.Security;

namespace Aft.Ui.Components.Pages.Settings;

/// <summary>What each API key scope lets a key do, in the words of the API Keys page.</summary>
public static class ApiKeyScopeText
{
    public static string Meaning(string scope) => scope switch
    {
        ApiKeyScopes.JobsRun => "submit jobs and cancel them (POST /v1/jobs, aft start)",
        ApiKeyScopes.JobsRead => "read jobs, their logs and results (GET /v1/jobs…)",
        ApiKeyScopes.Admin => "everything: scripts, VFS Library, secrets, keys, settings, audit, and both scopes above",
        _ => scope,
    };
}
