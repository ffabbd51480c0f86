using Aft.Testing;
using Aft.Grains.Security;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Tests.Security;

[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class SecretStoreTests
{
    [Fact]
    public async Task A_secret_reads_back_but_is_not_in_the_database_file_in_clear()
    {
        await using var data = new TempDataDirectory();
        var store = new SecretStore(data.Database, data.Directory, Options.Create(new SecretsOptions()), TimeProvider.System);

        await store.SetAsync("orch-api-token", "very-secret-token-value");
        await data.Database.Writer.FlushAsync();

        Assert.Equal("very-secret-token-value", store.Read("orch-api-token"));
        Assert.Null(store.Read("missing"));
        var onDisk = await File.ReadAllBytesAsync(data.Directory.AppDatabase) ;
        var wal = File.Exists(data.Directory.AppDatabase + "-wal") ? await File.ReadAllBytesAsync(data.Directory.AppDatabase + "-wal") : [];
        var needle = System.Text.Encoding.UTF8.GetBytes("very-secret-token-value");
        Assert.Equal(-1, onDisk.AsSpan().IndexOf(needle));
        Assert.Equal(-1, wal.AsSpan().IndexOf(needle));
        Assert.Equal(["orch-api-token"], (await store.ListAsync()).Select(secret => secret.Name));
    }

    [Fact]
    public async Task A_value_sealed_under_one_key_does_not_open_under_another()
    {
        await using var data = new TempDataDirectory();
        var first = new SecretStore(data.Database, data.Directory, Options.Create(new SecretsOptions()), TimeProvider.System);
        await first.SetAsync("name", "value");
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var second = new SecretStore(data.Database, data.Directory, Options.Create(new SecretsOptions { Key = otherKey }), TimeProvider.System);

        Assert.Null(second.Read("name"));
    }

    [Fact]
    public async Task The_first_key_that_opens_the_store_is_the_one_every_later_node_must_have()
    {
        await using var data = new TempDataDirectory();
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        SecretStore With(string secretsKey) => new(data.Database, data.Directory, Options.Create(new SecretsOptions { Key = secretsKey }), TimeProvider.System);

        Assert.True(await With(key).KeyOpensStoreAsync());
        Assert.False(await With(otherKey).KeyOpensStoreAsync());
        Assert.True(await With(key).KeyOpensStoreAsync());
    }
}
