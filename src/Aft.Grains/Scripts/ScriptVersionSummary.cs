namespace Aft.Grains.Scripts;

/// <summary>One stored version of a script, for its history (the version itself: <see cref="ScriptStore.GetVersionAsync"/>).</summary>
public sealed record ScriptVersionSummary(int Version, string Description, DateTimeOffset CreatedAt);
