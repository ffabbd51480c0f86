using System.Globalization;

namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>
/// Reads RFC 3659 fact lines ("type=file;size=12;modify=20260125153000;UNIX.mode=0644; name"): facts are
/// <c>name=value;</c> pairs without spaces, then one space, then the name (which may hold spaces and ';').
/// </summary>
public static class FtpMlsdParser
{
    /// <summary>The entry of one MLSD line; null for the listed directory itself, its parent, and lines that are not facts.</summary>
    public static FtpListItem? Parse(string line) => IsDirectoryItself(line) ? null : ParseFacts(line);

    /// <summary>The entry of an MLST reply's fact line (where the directory itself is a directory like any other).</summary>
    public static FtpListItem? ParseFacts(string line)
    {
        var space = line.IndexOf(' ');
        if (space <= 0 || space == line.Length - 1)
        {
            return null;
        }

        var name = line[(space + 1)..];
        var facts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var fact in line[..space].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = fact.IndexOf('=');
            if (equals > 0)
            {
                facts[fact[..equals]] = fact[(equals + 1)..];
            }
        }

        if (!facts.TryGetValue("type", out var type))
        {
            return null;
        }

        var kind = KindOf(type, out var linkTarget);
        var size = facts.TryGetValue("size", out var sizeText) && long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0;
        return new FtpListItem(name, kind, kind == FtpItemKind.File ? size : 0, facts.TryGetValue("modify", out var modify) ? ParseTime(modify) : null,
            facts.TryGetValue("unix.mode", out var mode) ? ParseMode(mode) : null, linkTarget);
    }

    /// <summary>An RFC 3659 time value ("YYYYMMDDHHMMSS[.sss]", UTC), as MLSD and MDTM give it; null when malformed.</summary>
    public static DateTimeOffset? ParseTime(string value)
    {
        var dot = value.IndexOf('.');
        var whole = dot < 0 ? value : value[..dot];
        if (!DateTime.TryParseExact(whole, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return null;
        }

        var result = new DateTimeOffset(time, TimeSpan.Zero);
        if (dot >= 0 && double.TryParse("0" + value[dot..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fraction))
        {
            result = result.AddTicks((long)(fraction * TimeSpan.TicksPerSecond));
        }

        return result;
    }

    private static bool IsDirectoryItself(string line)
    {
        var space = line.IndexOf(' ');
        var facts = space < 0 ? line : line[..space];
        return facts.Contains("type=cdir;", StringComparison.OrdinalIgnoreCase) || facts.Contains("type=pdir;", StringComparison.OrdinalIgnoreCase);
    }

    private static FtpItemKind KindOf(string type, out string? linkTarget)
    {
        linkTarget = null;
        switch (type.ToLowerInvariant())
        {
            case "file":
                return FtpItemKind.File;
            case "dir" or "cdir" or "pdir":
                return FtpItemKind.Directory;
        }

        // Links show as "OS.unix=slink:/target" (RFC 3659's example) or "OS.unix=symlink" (proftpd).
        var os = type.IndexOf('=');
        if (os > 0 && type[(os + 1)..].StartsWith("slink", StringComparison.OrdinalIgnoreCase) || type.EndsWith("symlink", StringComparison.OrdinalIgnoreCase))
        {
            var colon = type.IndexOf(':');
            linkTarget = colon > 0 && colon < type.Length - 1 ? type[(colon + 1)..] : null;
            return FtpItemKind.Link;
        }

        return FtpItemKind.File;
    }

    private static int? ParseMode(string value) =>
        value.Length > 0 && value.All(c => c is >= '0' and <= '7') && value.Length <= 6 ? Convert.ToInt32(value, 8) : null;
}
