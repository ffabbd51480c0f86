using System.CommandLine;

namespace Aft.Cli.Commands;

/// <summary>The <c>aft</c> command tree.</summary>
public static class AftCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("AFT: automated file transfer. Run 'aft serve' to start the service.");
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }
}
