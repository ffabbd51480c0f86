namespace Aft.Cli.Commands;

/// <summary>Reads a .syncjs file given on the command line.</summary>
public static class ScriptFile
{
    public static string Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var code = File.Exists(fullPath) ? File.ReadAllText(fullPath) : throw CliException.Usage($"no script file at '{fullPath}'");
        return string.IsNullOrWhiteSpace(code) ? throw CliException.Usage($"the script file '{fullPath}' is empty") : code;
    }
}
