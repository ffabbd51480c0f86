using Aft.Testing.Servers;

namespace Aft.Api.Tests.Transfers;

/// <summary>A real sshd for one test class.</summary>
public sealed class SshdFixture : IAsyncLifetime
{
    public SshdServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SshdServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
