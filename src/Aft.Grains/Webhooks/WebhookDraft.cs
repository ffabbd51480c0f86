namespace Aft.Grains.Webhooks;

/// <summary>What a webhook is made of, as a caller gives it (checked), to create one or to change one.</summary>
public sealed record WebhookDraft(string Url, IReadOnlyList<string> Events, string? ScriptName);
