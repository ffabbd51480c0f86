namespace Aft.Silo.Tests;

/// <summary>
/// A test whose <c>aft serve</c> processes run on a data dir of its own and on the store <see cref="NodeStore"/> picks;
/// both go when the test is done. <see cref="Scratch"/> makes further directories that go with them.
/// </summary>
public abstract class NodeTest : IAsyncLifetime
{
    private readonly List<string> _directories = [];

    protected NodeTest() => DataDir = Scratch("aft-node-");

    protected string DataDir { get; }

    protected NodeStore Store { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Store = await NodeStore.CreateAsync();

    public virtual Task DisposeAsync()
    {
        Store.Dispose();
        foreach (var directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A process of the test still writing into it; the temp dir is cleaned eventually.
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A new empty directory, deleted with the test.</summary>
    protected string Scratch(string prefix)
    {
        var directory = Directory.CreateTempSubdirectory(prefix).FullName;
        _directories.Add(directory);
        return directory;
    }
}
