using Aft.Testing;
namespace Aft.Grains.Tests.Storage;

[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class StoreWriterTests
{
    [Fact]
    public async Task A_failing_write_fails_alone_and_its_batch_neighbours_commit()
    {
        await using var data = new TempDataDirectory();
        var writer = data.Database.Writer;
        const string insert = "INSERT INTO settings (key, value) VALUES (@key, 'v')";

        var first = writer.ExecuteAsync(session => session.Execute(insert, ("@key", "a")));
        var duplicate = writer.ExecuteAsync(session => session.Execute(insert, ("@key", "a")));
        var third = writer.ExecuteAsync(session => session.Execute(insert, ("@key", "b")));

        await first;
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => duplicate);
        await third;
        await using var connection = await data.Database.OpenReaderAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT group_concat(key) FROM (SELECT key FROM settings ORDER BY key)";
        Assert.Equal("a,b", await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Posted_writes_are_committed_by_the_next_flush()
    {
        await using var data = new TempDataDirectory();
        for (var i = 0; i < 100; i++)
        {
            var key = "k" + i;
            data.Database.Writer.Post(session => session.Execute("INSERT INTO settings (key, value) VALUES (@key, 'v')", ("@key", key)));
        }

        await data.Database.Writer.FlushAsync();

        await using var connection = await data.Database.OpenReaderAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM settings";
        Assert.Equal(100L, await count.ExecuteScalarAsync());
    }
}
