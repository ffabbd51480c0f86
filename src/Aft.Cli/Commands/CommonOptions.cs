using System.CommandLine;
using Aft.Grains.Storage;

namespace Aft.Cli.Commands;

/// <summary>Options several commands take; each call makes a new instance for one command.</summary>
public static class CommonOptions
{
    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "The data directory (default: AFT_DATA_DIR, else ~/.local/share/aft or %ProgramData%\\aft)",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON" };

    public static Option<string?> Params() => new("--params", "-p")
    {
        Description = "Job parameters: a JSON object ('{\"name\":\"value\"}') or an array of {\"name\",\"value\"} objects",
    };

    public static DataDirectory DataDirectory(ParseResult parse, Option<string?> dataDir) =>
        new(parse.GetValue(dataDir) is { Length: > 0 } path ? path : Grains.Storage.DataDirectory.DefaultPath());
}
