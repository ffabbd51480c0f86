namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>The <c>endpoint</c> option of the object-store types: the service's base URL.</summary>
public static class ObjectEndpointUrl
{
    public const string Option = "endpoint";

    public static VfsOptionSpec Spec(string description) =>
        new(Option, description, value => value.Length == 0 || TryParse(value, out _)
            ? null
            : "must be an http:// or https:// URL without user, query or fragment (e.g. http://127.0.0.1:9000)");

    /// <summary>The definition's endpoint URL, or null when it has none (the vendor's public service).</summary>
    public static Uri? Of(VfsDefinition definition) =>
        definition.Get(Option) is { } value && TryParse(value, out var url) ? url : null;

    /// <summary>An absolute http(s) URL with a host and nothing that could carry a secret (user info, query).</summary>
    public static bool TryParse(string value, out Uri url) =>
        Uri.TryCreate(value, UriKind.Absolute, out url!)
        && url.Scheme is "http" or "https"
        && url.Host.Length > 0
        && url.UserInfo.Length == 0
        && url.Query.Length == 0
        && url.Fragment.Length == 0;
}
