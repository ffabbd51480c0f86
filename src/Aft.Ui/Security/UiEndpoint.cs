namespace Aft.Ui.Security;

/// <summary>Marks the UI's endpoints, so its allowlist, headers and setup gate leave the REST API alone.</summary>
public sealed class UiEndpoint
{
    public static readonly UiEndpoint Marker = new();

    public static bool Is(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<UiEndpoint>() is not null;
}
