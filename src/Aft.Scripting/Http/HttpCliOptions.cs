namespace Aft.Scripting.Http;

/// <summary>HttpCli tunables. Bound from <c>Aft:Http</c>.</summary>
public sealed class HttpCliOptions
{
    /// <summary>The named client HttpCli takes from <see cref="System.Net.Http.IHttpClientFactory"/>.</summary>
    public const string ClientName = "Aft.HttpCli";

    /// <summary>How long a request may take when the script does not call <c>Timeout(seconds)</c>.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest response body read into the script; a bigger one makes the response invalid.</summary>
    public int MaxResponseBytes { get; set; } = 16 * 1024 * 1024;
}
