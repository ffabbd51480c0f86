using Aft.Scripting.Vfs;

namespace Aft.Scripting.Clients;

/// <summary>
/// <c>new S3Client()</c>: <c>Bucket</c>, <c>Region</c>, <c>APIKeyID</c>, <c>APIKeySecret</c>; AFT adds <c>Endpoint</c>
/// for S3-compatible services (MinIO, Wasabi…) and <c>PathStyle</c>.
/// </summary>
public sealed class S3ClientProfile : ClientProfile
{
    public override string Name => "S3Client";

    public override IReadOnlyDictionary<string, string> PropertyOf { get; } = new Dictionary<string, string>
        { ["target"] = "Bucket", ["options.region"] = "Region", ["options.endpoint"] = "Endpoint", ["options.pathStyle"] = "PathStyle", ["credentials.accessKeyId"] = "APIKeyID", ["credentials.secretAccessKey"] = "APIKeySecret" };

    public override IReadOnlyList<string> Properties { get; } =
        ["Bucket", "Region", "APIKeyID", "APIKeySecret", "APIKeySecretFromSecret", "Endpoint", "PathStyle"];

    public override (VfsDefinition? Definition, string? Error) Describe(Func<string, string?> get, ISecretReader secrets)
    {
        var credentials = new Dictionary<string, string>();
        var error = Credential(get, secrets, credentials, "accessKeyId", "APIKeyID")
            ?? Credential(get, secrets, credentials, "secretAccessKey", "APIKeySecret", "APIKeySecretFromSecret");
        if (error is not null)
        {
            return (null, error);
        }

        var options = Options(("region", get("Region")), ("endpoint", get("Endpoint")), ("pathStyle", get("PathStyle")?.ToLowerInvariant()));
        return (new VfsDefinition(Name, "s3", get("Bucket") ?? string.Empty, options, credentials), null);
    }
}
