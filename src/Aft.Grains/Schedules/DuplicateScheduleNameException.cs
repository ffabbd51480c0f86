namespace Aft.Grains.Schedules;

public sealed class DuplicateScheduleNameException(string name)
    : Exception($"a schedule named '{name}' already exists (names are compared case-insensitively)");
