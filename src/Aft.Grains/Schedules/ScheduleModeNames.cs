namespace Aft.Grains.Schedules;

/// <summary>The wire and database names of <see cref="ScheduleOverlap"/> and <see cref="ScheduleCatchUp"/>: the member names in lower case.</summary>
public static class ScheduleModeNames
{
    public static string ToName(this ScheduleOverlap overlap) => overlap.ToString().ToLowerInvariant();

    public static string ToName(this ScheduleCatchUp catchUp) => catchUp.ToString().ToLowerInvariant();

    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum =>
        Enum.TryParse(name, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(name, out _);

    public static T Parse<T>(string name) where T : struct, Enum =>
        TryParse<T>(name, out var value) ? value : throw new FormatException($"unknown {typeof(T).Name} '{name}'");

    public static IEnumerable<string> Names<T>() where T : struct, Enum =>
        Enum.GetNames<T>().Select(name => name.ToLowerInvariant());
}
