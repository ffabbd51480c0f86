namespace Aft.Grains.Schedules;

/// <summary>The wire and database names of <see cref="ScheduleOverlap"/> and <see cref="ScheduleCatchUp"/>: the member names in lower case.</summary>
public static class ScheduleModeNames
{
    public static string ToName(this ScheduleOverlap overlap) => overlap.ToString().ToLowerInvariant();

    public static string ToName(this ScheduleCatchUp catchUp) => catchUp.ToString().ToLowerInvariant();

    /// <summary>Reads exactly one member's name, in any case (not a number, not a list of names).</summary>
    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        value = default;
        return name is not null && Names<T>().Contains(name.ToLowerInvariant()) && Enum.TryParse(name, ignoreCase: true, out value);
    }

    public static T Parse<T>(string name) where T : struct, Enum =>
        TryParse<T>(name, out var value) ? value : throw new FormatException($"unknown {typeof(T).Name} '{name}'");

    public static IEnumerable<string> Names<T>() where T : struct, Enum =>
        Enum.GetNames<T>().Select(name => name.ToLowerInvariant());
}
