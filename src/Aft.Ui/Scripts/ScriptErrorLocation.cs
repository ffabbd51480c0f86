using System.Globalization;
using System.Text.RegularExpressions;

namespace Aft.Ui.Scripts;

/// <summary>
/// Where in the code a script error is, read from the message the server gives (ScriptErrors.Describe ends it with
/// <c>(line 3, column 7)</c>, both 1-based), so the editor can mark that line and put the cursor there.
/// </summary>
public static partial class ScriptErrorLocation
{
    public static (int Line, int Column)? Parse(string? message)
    {
        var match = message is null ? Match.Empty : Location().Match(message);
        return match.Success
            ? (int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"\(line ([1-9][0-9]{0,8}), column ([1-9][0-9]{0,8})\)$")]
    private static partial Regex Location();
}
