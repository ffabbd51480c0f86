using System.Text.RegularExpressions;

namespace Aft.Cli.Tests.Infrastructure;

/// <summary>One <c>```sh</c> block of README.md: where it starts, its text, and how the README check runs it.</summary>
/// <param name="Line">The README line of its first command.</param>
/// <param name="Until">For a background block: the output that says it is ready.</param>
/// <param name="SkipReason">For a skipped block: why, as README.md says it.</param>
public sealed record ReadmeBlock(int Line, string Text, string? Until = null, string? SkipReason = null)
{
    public bool InBackground => Until is not null;

    public bool Skipped => SkipReason is not null;
}

/// <summary>
/// Reads the sh blocks of README.md and the marker comment right before a block, which is where the README says how
/// the check treats it: <c>&lt;!-- readme-check: skip (why) --&gt;</c> or
/// <c>&lt;!-- readme-check: background until "TEXT" --&gt;</c>. Blocks without a marker run in order.
/// </summary>
public static partial class ReadmeBlocks
{
    public static IReadOnlyList<ReadmeBlock> Parse(string markdown)
    {
        var lines = markdown.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var blocks = new List<ReadmeBlock>();
        (int Line, string? Until, string? SkipReason)? marker = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (Marker().Match(lines[i]) is { Success: true } found)
            {
                marker = Read(found.Groups["what"].Value, i + 1);
            }
            else if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                var language = lines[i][3..].Trim();
                var first = i + 2;
                var body = new List<string>();
                for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
                {
                    body.Add(lines[i]);
                }

                if (language == "sh")
                {
                    blocks.Add(new ReadmeBlock(first, string.Join('\n', body), marker?.Until, marker?.SkipReason));
                }
                else if (marker is not null)
                {
                    throw new FormatException($"README.md line {marker.Value.Line}: a readme-check marker must come right before a ```sh block");
                }

                marker = null;
            }
            else if (marker is not null && lines[i].Trim().Length > 0)
            {
                throw new FormatException($"README.md line {marker.Value.Line}: a readme-check marker must come right before a ```sh block");
            }
        }

        return blocks;
    }

    private static (int Line, string? Until, string? SkipReason) Read(string what, int line)
    {
        if (Skip().Match(what) is { Success: true } skip)
        {
            return (line, null, skip.Groups["why"].Value);
        }

        return Background().Match(what) is { Success: true } background
            ? (line, background.Groups["until"].Value, null)
            : throw new FormatException($"README.md line {line}: '{what}' is no readme-check marker; use 'skip (why)' or 'background until \"TEXT\"'");
    }

    [GeneratedRegex(@"^<!--\s*readme-check:\s*(?<what>.*?)\s*-->\s*$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^skip \((?<why>.+)\)$")]
    private static partial Regex Skip();

    [GeneratedRegex("^background until \"(?<until>[^\"]+)\"$")]
    private static partial Regex Background();
}
