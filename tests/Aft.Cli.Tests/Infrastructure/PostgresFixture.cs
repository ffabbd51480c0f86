using Aft.Testing.Servers;

namespace Aft.Cli.Tests.Infrastructure;

/// <summary>One PostgreSQL server for a test class; each test makes a database of its own on it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public Task DisposeAsync()
    {
        Server.Dispose();
        return Task.CompletedTask;
    }
}
