using System.CommandLine;

namespace Aft.Cli.Commands;

public static class CommonOptions
{
    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "The data directory (default: AFT_DATA_DIR, else ~/.local/share/aft or %ProgramData%\\aft)",
    };
}
