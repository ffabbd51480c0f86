using Aft.Silo;

namespace Aft.Cli.Client;

/// <summary>Reads <c>--host</c>: <c>HOST</c>, <c>HOST:PORT</c>, <c>[IPv6]:PORT</c>, or a URL (<c>https://host:port</c>).</summary>
public static class ServiceAddress
{
    public const string Default = "127.0.0.1:44399";

    public static Uri Parse(string? host)
    {
        var text = string.IsNullOrWhiteSpace(host) ? Default : host.Trim();
        var isUrl = text.Contains("://", StringComparison.Ordinal);
        if (!Uri.TryCreate(isUrl ? text : "https://" + text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || (!isUrl && uri.PathAndQuery != "/"))
        {
            throw CliException.Usage($"--host '{host}' is not an address; give HOST:PORT (e.g. 127.0.0.1:{AftServerOptions.DefaultPort}) or a URL (https://host:port)");
        }

        // Without a scheme the port defaults to AFT's, not to 443; a URL means what it says.
        var builder = new UriBuilder(uri) { Path = "/" };
        if (!isUrl && !HasExplicitPort(text))
        {
            builder.Port = AftServerOptions.DefaultPort;
        }

        return builder.Uri;
    }

    private static bool HasExplicitPort(string text) =>
        text.StartsWith('[') ? text.Contains("]:", StringComparison.Ordinal) : text.Count(c => c == ':') == 1;
}
