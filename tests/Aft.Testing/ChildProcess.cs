using System.Diagnostics;
using System.Text;

namespace Aft.Testing;

/// <summary>How the tests start a program: arguments passed one by one (no quoting), output redirected, the environment changed.</summary>
public static class ChildProcess
{
    /// <param name="environment">Variables to set; a null value removes one.</param>
    public static ProcessStartInfo Info(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }
}
