using System.CommandLine;
using Aft.Cli.Client;

namespace Aft.Cli.Commands;

/// <summary>The options of every command that talks to a service: where it is, the API key, TLS trust, the data dir.</summary>
public sealed class ServiceOptions
{
    public const string ApiKeyVariable = "AFT_API_KEY";

    public const string HostVariable = "AFT_HOST";

    private readonly Option<string?> _host = new("--host")
    {
        Description = $"The service: HOST:PORT or a URL (default: {HostVariable}, else {ServiceAddress.Default})",
    };

    private readonly Option<string?> _apiKey = new("--apikey", "-a") { Description = $"The API key (default: {ApiKeyVariable})" };

    private readonly Option<string?> _certSha256 = new("--cert-sha256")
    {
        Description = "Trust only the server certificate with this SHA-256 fingerprint (hex)",
    };

    private readonly Option<bool> _insecure = new("--insecure") { Description = "Do not check the server's TLS certificate at all" };

    private readonly Option<string?> _dataDir = CommonOptions.DataDir();

    public ServiceOptions(Command command)
    {
        command.Options.Add(_host);
        command.Options.Add(_apiKey);
        command.Options.Add(_dataDir);
        command.Options.Add(_certSha256);
        command.Options.Add(_insecure);
    }

    public ServiceTarget Read(ParseResult parse)
    {
        var host = parse.GetValue(_host) is { Length: > 0 } given ? given : Environment.GetEnvironmentVariable(HostVariable) is { Length: > 0 } set ? set : null;
        var address = ServiceAddress.Parse(host);
        var dataDirectory = CommonOptions.DataDirectory(parse, _dataDir);
        var apiKey = parse.GetValue(_apiKey) is { Length: > 0 } key ? key : Environment.GetEnvironmentVariable(ApiKeyVariable);
        var trust = TlsTrust.For(address, dataDirectory, parse.GetValue(_certSha256), parse.GetValue(_insecure));
        return new ServiceTarget(address, host is not null, string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim(), trust, dataDirectory);
    }

    /// <summary>A REST client for the target; the API key is required.</summary>
    public AftApiClient Connect(ParseResult parse)
    {
        var target = Read(parse);
        return target.ApiKey is null
            ? throw CliException.Usage($"this needs an API key: pass --apikey KEY (or -a KEY) or set {ApiKeyVariable}")
            : AftApiClient.Connect(target);
    }
}
