namespace Aft.Grains.Webhooks;

/// <summary>A subscription to job events. Its signing secret is not part of it: that is stored sealed and never read back out.</summary>
/// <param name="ScriptName">When set, only jobs of the script with this name (compared case-insensitively) are delivered.</param>
public sealed record Webhook(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? ScriptName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
