using Aft.Testing.Servers;

namespace Aft.Api.Tests.Transfers;

/// <summary>A real s3rver with one bucket for one test class.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public S3rverServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await S3rverServer.StartAsync("seed-exchange");

    public Task DisposeAsync()
    {
        Server.Dispose();
        return Task.CompletedTask;
    }
}
