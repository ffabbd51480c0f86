using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.S3;
using Aft.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

/// <summary>
/// Answers AWS gives that s3rver never does (it checks no SigV4 signature, is never busy, has no KMS), replayed by a
/// loopback HTTP server, to show how the s3 backend reports them.
/// </summary>
public sealed class S3AnswersTests : IAsyncDisposable
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private readonly VfsConnectionPools _pools = TestPools.Create();

    [Fact]
    public async Task A_signature_AWS_does_not_match_is_access_denied_naming_the_credentials_not_their_values()
    {
        await using var server = await LoopbackWebServer.StartAsync(app => app.Run(context =>
            Answer(context, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")));
        using var vfs = Open(server);

        var error = await Assert.ThrowsAsync<VfsException>(() => vfs.ListAsync("/in", CancellationToken.None));

        Assert.StartsWith("'/in': access to s3://bucket@127.0.0.1:", error.Message);
        Assert.Contains("denied", error.Message);
        Assert.Contains("credentials.secretAccessKey", error.Message);
        Assert.DoesNotContain(Secret, error.Message);
        Assert.DoesNotContain("AKIDEXAMPLE", error.Message);
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task A_busy_service_is_a_transient_error()
    {
        await using var server = await LoopbackWebServer.StartAsync(app => app.Run(context =>
            context.Request.Method == "HEAD" ? Answer(context, 200) : Answer(context, 503, "SlowDown", "Please reduce your request rate.")));
        using var vfs = Open(server);

        var error = await Assert.ThrowsAsync<VfsException>(() => vfs.ListAsync("/in", CancellationToken.None));

        Assert.True(error.Transient, error.Message);
        Assert.Contains("503 SlowDown", error.Message);
    }

    [Fact]
    public async Task The_ETag_of_an_SSE_KMS_object_is_not_taken_for_its_MD5()
    {
        await using var server = await LoopbackWebServer.StartAsync(app => app.Run(context =>
        {
            context.Response.Headers.ETag = "\"0123456789abcdef0123456789abcdef\"";
            context.Response.Headers["x-amz-server-side-encryption"] = "aws:kms";
            context.Response.Headers.LastModified = "Wed, 01 Jan 2025 00:00:00 GMT";
            context.Response.ContentLength = 5;
            return Task.CompletedTask;
        }));
        using var vfs = Open(server);

        var entry = await vfs.StatAsync("/secret.bin", CancellationToken.None);

        Assert.Equal((5L, false, null), (entry.Size, entry.IsDir, entry.Md5));
    }

    public async ValueTask DisposeAsync() => await _pools.DisposeAsync();

    private static Task Answer(HttpContext context, int status, string? code = null, string? message = null)
    {
        context.Response.StatusCode = status;
        if (code is null || context.Request.Method == "HEAD")
        {
            return Task.CompletedTask;
        }

        context.Response.ContentType = "application/xml";
        return context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>R1</RequestId></Error>");
    }

    private IVfsBackend Open(LoopbackWebServer server) =>
        new VfsBackendFactory([new S3VfsBackendProvider(_pools)]).Create(
            new VfsDefinition("aws", "s3", "bucket", new Dictionary<string, string> { ["endpoint"] = server.BaseUrl }, new Dictionary<string, string>()),
            new Dictionary<string, string> { ["accessKeyId"] = "AKIDEXAMPLE", ["secretAccessKey"] = Secret });
}
