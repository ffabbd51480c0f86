namespace Aft.Scripting.Watchers;

/// <summary>One change a watcher reports: when, what (a <see cref="WatchEvents"/> value) and which path.</summary>
public sealed record WatchEvent(DateTimeOffset TimeStamp, string Event, string Object);
