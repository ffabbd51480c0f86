namespace Aft.Bench.Common;

/// <summary>A benchmark's command line: <c>--name value</c> pairs, each applied to the settings in turn.</summary>
public static class CommandLine
{
    /// <param name="apply">The settings with one option applied, or null when the option or its value is not known.</param>
    /// <returns>The settings, or null with <paramref name="problem"/> saying which argument is wrong.</returns>
    public static TSettings? Parse<TSettings>(string[] args, TSettings defaults, Func<TSettings, string, string, TSettings?> apply, out string? problem)
        where TSettings : class
    {
        var settings = defaults;
        problem = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                problem = $"{args[i]} needs a value";
                return null;
            }

            if (apply(settings, args[i], args[i + 1]) is not { } applied)
            {
                problem = $"bad option or value: {args[i]} {args[i + 1]}";
                return null;
            }

            settings = applied;
        }

        return settings;
    }
}
