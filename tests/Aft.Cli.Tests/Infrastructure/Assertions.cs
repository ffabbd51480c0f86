using Aft.Testing;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Aft.Cli.Tests.Infrastructure;

public static partial class Assertions
{
    public static void Succeeded(AftResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    /// <summary>Bad input: the given exit code and exactly one stderr line that contains <paramref name="says"/>, no stack trace.</summary>
    public static void FailsWithOneLine(AftResult result, int exitCode, string says)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, result.ToString());
        Assert.StartsWith("aft: ", lines[0]);
        Assert.Contains(says, lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    /// <summary>The job id that <c>aft start</c> printed as its only output.</summary>
    public static string JobId(AftResult result)
    {
        Succeeded(result);
        var id = result.Stdout.Trim();
        Assert.Matches(JobIdPattern(), id);
        return id;
    }

    public static JsonElement Json(AftResult result)
    {
        Succeeded(result);
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex JobIdPattern();
}
