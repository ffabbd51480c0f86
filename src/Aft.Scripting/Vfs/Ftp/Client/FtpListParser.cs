using System.Globalization;
using System.Text.RegularExpressions;

namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>
/// Reads the lines of a <c>LIST</c> reply, for servers without MLSD. Two formats cover nearly all servers:
/// Unix <c>ls -l</c> ("-rw-r--r-- 1 owner group 1234 Jan 25 15:30 name", "... Jan 25  2024 name") and the
/// DOS/IIS one ("01-25-26  03:30PM  &lt;DIR&gt;  name", "01-25-26  03:30PM  1234 name"). Times carry no zone;
/// they are taken as UTC, which is what vsftpd and proftpd send by default.
/// </summary>
public static partial class FtpListParser
{
    /// <summary>The entry of one line; null for "total N", ".", ".." and lines in neither format.</summary>
    /// <param name="line">One line of the listing.</param>
    /// <param name="now">The current time: a Unix line with a time but no year is within the last year.</param>
    public static FtpListItem? Parse(string line, DateTimeOffset now)
    {
        var item = ParseUnix(line, now) ?? ParseDos(line);
        return item is null || item.Name is "." or ".." ? null : item;
    }

    private static FtpListItem? ParseUnix(string line, DateTimeOffset now)
    {
        var match = UnixLine().Match(line);
        if (!match.Success || !long.TryParse(match.Groups["size"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        var kind = match.Groups["type"].Value switch
        {
            "d" => FtpItemKind.Directory,
            "l" => FtpItemKind.Link,
            _ => FtpItemKind.File,
        };
        var name = match.Groups["name"].Value;
        string? target = null;
        var arrow = name.IndexOf(" -> ", StringComparison.Ordinal);
        if (kind == FtpItemKind.Link && arrow > 0)
        {
            target = name[(arrow + 4)..];
            name = name[..arrow];
        }

        var modified = UnixTime(match.Groups["month"].Value, match.Groups["day"].Value, match.Groups["when"].Value, now);
        return new FtpListItem(name, kind, kind == FtpItemKind.File ? size : 0, modified, Mode(match.Groups["perm"].Value), target);
    }

    private static DateTimeOffset? UnixTime(string monthText, string dayText, string when, DateTimeOffset now)
    {
        if (!DateTime.TryParseExact(monthText, "MMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var monthOnly))
        {
            return null;
        }

        var day = int.Parse(dayText, CultureInfo.InvariantCulture);
        if (!when.Contains(':'))
        {
            var year = int.Parse(when, CultureInfo.InvariantCulture);
            return Safe(() => new DateTimeOffset(year, monthOnly.Month, day, 0, 0, 0, TimeSpan.Zero));
        }

        var parts = when.Split(':');
        var (hour, minute) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));

        // "Jan 25 15:30" is within the last six months; a date that would lie ahead (beyond clock skew) is last year's.
        var guess = Safe(() => new DateTimeOffset(now.Year, monthOnly.Month, day, hour, minute, 0, TimeSpan.Zero));
        return guess > now.AddDays(2) ? Safe(() => new DateTimeOffset(now.Year - 1, monthOnly.Month, day, hour, minute, 0, TimeSpan.Zero)) : guess;
    }

    private static FtpListItem? ParseDos(string line)
    {
        var match = DosLine().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var isDir = match.Groups["dir"].Success;
        long size = 0;
        if (!isDir && !long.TryParse(match.Groups["size"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out size))
        {
            return null;
        }

        var text = $"{match.Groups["date"].Value} {match.Groups["time"].Value.Replace(" ", string.Empty).ToUpperInvariant()}";
        string[] formats = ["MM-dd-yy h:mmtt", "MM-dd-yyyy h:mmtt", "MM-dd-yy H:mm", "MM-dd-yyyy H:mm", "yyyy-MM-dd H:mm"];
        DateTimeOffset? modified = DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : null;
        return new FtpListItem(match.Groups["name"].Value, isDir ? FtpItemKind.Directory : FtpItemKind.File, size, modified, null);
    }

    /// <summary>The permission bits of "rwxr-x---" (setuid, setgid and sticky included).</summary>
    private static int Mode(string perm)
    {
        var mode = 0;
        for (var i = 0; i < 9; i++)
        {
            if (perm[i] is not '-' and not 'S' and not 'T')
            {
                mode |= 1 << (8 - i);
            }
        }

        mode |= perm[2] is 's' or 'S' ? 0x800 : 0;
        mode |= perm[5] is 's' or 'S' ? 0x400 : 0;
        mode |= perm[8] is 't' or 'T' ? 0x200 : 0;
        return mode;
    }

    private static DateTimeOffset? Safe(Func<DateTimeOffset> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // Feb 30 and the like
        }
    }

    // Up to three fields (link count, owner, group) come before the size; the size is the number right before the date.
    [GeneratedRegex(@"^(?<type>[-dlbcps])(?<perm>[-rwxsStTl]{9})\S*\s+(?:\S+\s+){1,3}?(?<size>\d+)\s+(?<month>[A-Za-z]{3})\s+(?<day>\d{1,2})\s+(?<when>\d{1,2}:\d{2}|\d{4})\s(?<name>.+)$")]
    private static partial Regex UnixLine();

    [GeneratedRegex(@"^(?<date>\d{2}-\d{2}-\d{2,4}|\d{4}-\d{2}-\d{2})\s+(?<time>\d{1,2}:\d{2}(?:\s?[AaPp][Mm])?)\s+(?:(?<dir><DIR>)|(?<size>\d+))\s+(?<name>.+)$")]
    private static partial Regex DosLine();
}
