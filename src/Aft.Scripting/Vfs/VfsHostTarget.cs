using System.Globalization;

namespace Aft.Scripting.Vfs;

/// <summary>A <c>host[:port]</c> target (IPv6 addresses in brackets: <c>[::1]:2222</c>).</summary>
public sealed record VfsHostTarget(string Host, int Port)
{
    public static bool TryParse(string target, int defaultPort, out VfsHostTarget parsed)
    {
        parsed = new VfsHostTarget(string.Empty, defaultPort);
        var text = target.Trim();
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                {
                    return false;
                }

                port = rest[1..];
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':') != colon)
            {
                return false; // a bare IPv6 address: brackets are required to tell the port from it
            }

            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@'))
        {
            return false;
        }

        var number = defaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            return false;
        }

        parsed = new VfsHostTarget(host, number);
        return true;
    }

    /// <summary>The problem with a definition's target, or null when it is a valid <c>host[:port]</c>.</summary>
    public static VfsDefinitionProblem? Check(VfsDefinition definition, int defaultPort) =>
        TryParse(definition.Target, defaultPort, out _)
            ? null
            : new VfsDefinitionProblem("target", $"'target' must be host[:port] (e.g. sftp.example.com or 10.0.0.5:{defaultPort}; IPv6 as [::1]:{defaultPort})");

    public static VfsHostTarget Parse(string target, int defaultPort) =>
        TryParse(target, defaultPort, out var parsed) ? parsed : throw new VfsException($"'{target}' is not host[:port]");
}
