using System.Globalization;

namespace Aft.Api.Jobs;

/// <summary>Parses <c>?wait=</c>: <c>30s</c>, <c>500ms</c>, <c>2m</c>, or a plain number of seconds.</summary>
public static class WaitDuration
{
    public static bool TryParse(string? text, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        text = text.Trim();
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : (text, 1000.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsInfinity(value))
        {
            return false;
        }

        wait = TimeSpan.FromMilliseconds(value * unit);
        return true;
    }
}
