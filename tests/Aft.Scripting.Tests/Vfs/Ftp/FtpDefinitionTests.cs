using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;
using Microsoft.Extensions.Options;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>What the ftp and ftps types accept in a definition, and what they refuse naming the field.</summary>
public sealed class FtpDefinitionTests : IAsyncDisposable
{
    private const string Pin = "3B:45:E0:1F:9C:2D:70:88:AB:CD:EF:01:23:45:67:89:3B:45:E0:1F:9C:2D:70:88:AB:CD:EF:01:23:45:67:89";

    private readonly VfsConnectionPools _pools = new(
        new LocalEndpointGate(Options.Create(new VfsConnectionOptions()), TimeProvider.System), Options.Create(new VfsConnectionOptions()), TimeProvider.System);

    private VfsBackendFactory Factory => FtpTestVfs.FactoryWith(_pools);

    public ValueTask DisposeAsync() => _pools.DisposeAsync();

    [Theory]
    [InlineData("ftp", "ftp.example.com", null, 21)]
    [InlineData("FTP", "ftp.example.com:2121", null, 2121)]
    [InlineData("ftps", "ftp.example.com", "explicit", 21)]
    [InlineData("FTPS", "ftp.example.com", "implicit", 990)]
    [InlineData("ftps", "[2001:db8::7]:9990", "implicit", 9990)]
    public void A_good_definition_is_stored_under_the_canonical_type_with_its_endpoint(string type, string target, string? tls, int port)
    {
        var options = new Dictionary<string, string> { ["USER"] = "alice" };
        if (tls is not null)
        {
            options["tls"] = tls;
            options["tlsCertSha256"] = Pin;
        }

        var (definition, problem) = Factory.Check(Definition(type, target, options));

        Assert.Null(problem);
        Assert.Equal(type.ToLowerInvariant(), definition!.Type);
        Assert.Equal("alice", definition.Options["user"]);
        Assert.Equal(port, Factory.EndpointOf(definition)!.Port);
        Assert.Equal("alice", Factory.EndpointOf(definition)!.Account);
    }

    [Theory]
    [InlineData("ftp", "tls", "explicit", "options.tls")]
    [InlineData("ftp", "tlsCertSha256", Pin, "options.tlsCertSha256")]
    [InlineData("ftps", "tlsCertSha256", "3B:45:E0", "options.tlsCertSha256")]
    [InlineData("ftps", "tlsCertSha256", "zz45e01f9c2d7088abcdef01234567893b45e01f9c2d7088abcdef0123456789", "options.tlsCertSha256")]
    [InlineData("ftps", "tls", "starttls", "options.tls")]
    [InlineData("ftp", "passive", "maybe", "options.passive")]
    [InlineData("ftp", "root", "relative/folder", "options.root")]
    [InlineData("ftp", "maxConnections", "5000", "options.maxConnections")]
    public void A_bad_option_is_refused_naming_it_without_its_value(string type, string name, string value, string field)
    {
        var (definition, problem) = Factory.Check(Definition(type, "ftp.example.com", new Dictionary<string, string> { ["user"] = "alice", [name] = value }));

        Assert.Null(definition);
        Assert.Equal(field, problem!.Field);
        Assert.DoesNotContain(value, problem.Message);
    }

    [Fact]
    public void The_user_and_the_password_are_required()
    {
        var noUser = Factory.Check(Definition("ftp", "ftp.example.com", new Dictionary<string, string>())).Problem;
        var noPassword = Factory.Check(Definition("ftps", "ftp.example.com", new Dictionary<string, string> { ["user"] = "alice" }, password: null)).Problem;
        var badTarget = Factory.Check(Definition("ftp", "ftp://ftp.example.com/dir", new Dictionary<string, string> { ["user"] = "alice" })).Problem;

        Assert.Equal("options.user", noUser!.Field);
        Assert.Equal("credentials.password", noPassword!.Field);
        Assert.Equal("target", badTarget!.Field);
    }

    private static VfsDefinition Definition(string type, string target, Dictionary<string, string> options, string? password = "ftp-password-secret") =>
        new("archive", type, target, options, password is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["password"] = password });
}
